/* wm-synth-sites.c — service sites, real or synthetic
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "wm-synth-gdal.h"


/* Service sites: the user area follows from who a site is for and what it is. */
static const char *
site_area (const char *category, const char *target)
{
  gboolean children = target != NULL && strstr (target, "Bambini") != NULL;
  gboolean elderly = target != NULL && strstr (target, "Anziani") != NULL;
  gboolean young = target != NULL && (strstr (target, "Giovani") != NULL || strstr (target, "Adolescenti") != NULL);

  if (children && !elderly)
    return "FAM";
  if (elderly && !children && !young && g_strcmp0 (category, "Servizi pubblici e di comunità") == 0)
    return "ELD";
  return "MULBEN";
}

static char *
opening_hours (OGRFeatureH f)
{
  static const char *const days[] = { "lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "sabato", "domenica" };
  static const char *const shorts[] = { "lun", "mar", "mer", "gio", "ven", "sab", "dom" };
  GString *out = g_string_new (NULL);

  for (int d = 0; d < 7; d++)
    {
      int i = OGR_F_GetFieldIndex (f, days[d]);
      const char *v = i >= 0 && OGR_F_IsFieldSetAndNotNull (f, i) ? OGR_F_GetFieldAsString (f, i) : "-";

      if (g_strcmp0 (v, "-") != 0 && *v != '\0')
        g_string_append_printf (out, "%s%s %s", out->len ? "; " : "", shorts[d], v);
    }
  return g_string_free (out, FALSE);
}

static const char *
field_or_empty (OGRFeatureH f, const char *name)
{
  int i = OGR_F_GetFieldIndex (f, name);

  return i >= 0 && OGR_F_IsFieldSetAndNotNull (f, i) ? OGR_F_GetFieldAsString (f, i) : "";
}

gboolean
wm_synth_read_sites (WmSynthWorld *w, const char *path, GError **error)
{
  g_auto(GDALDatasetH) ds = wm_synth_open_vector (path, error);
  OGRLayerH layer;
  g_auto(OGRCoordinateTransformationH) ct = NULL;
  g_auto(OGRFeatureH) f = NULL;

  if (ds == NULL || (layer = wm_synth_get_layer (ds, path, NULL, error)) == NULL)
    return FALSE;
  ct = wm_synth_transform_to (layer, "EPSG:4326");
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH g = OGR_F_GetGeometryRef (f);
      WmSynthSite *s;

      if (g == NULL)
        {
          g_clear_pointer (&f, OGR_F_Destroy);
          continue;
        }
      if (ct != NULL)
        OGR_G_Transform (g, ct);
      s = g_new0 (WmSynthSite, 1);
      s->name = g_strdup (field_or_empty (f, "nome"));
      s->category = g_strdup (field_or_empty (f, "mapcategory"));
      s->target = g_strdup (field_or_empty (f, "destinatari"));
      s->address = g_strdup (field_or_empty (f, "indirizzo"));
      s->area = g_strdup (site_area (s->category, s->target));
      s->hours = opening_hours (f);
      s->lon = OGR_G_GetX (g, 0);
      s->lat = OGR_G_GetY (g, 0);
      g_ptr_array_add (w->sites, s);
      g_clear_pointer (&f, OGR_F_Destroy);
    }
  return TRUE;
}

/* Where a place has no site file: one social-service site of each kind per
 * ~40,000 residents, in the most populous areas. They are marked synthetic. */
void
wm_synth_synthetic_sites (WmSynthWorld *w, int total_pop)
{
  static const struct { const char *name, *area, *category, *target; } kinds[] = {
    { "Centro diurno anziani", "ELD", "Centro diurno", "Anziani (65+)" },
    { "Servizio sociale territoriale", "MULBEN", "Servizio sociale professionale", "Tutte le età" },
    { "Asilo nido comunale", "FAM", "Asilo nido", "Bambini (0–3 anni)" },
    { "Centro per le famiglie", "FAM", "Centro per le famiglie", "Famiglie con minori" },
    { "Centro diurno disabili", "DIS", "Centro diurno", "Persone con disabilità" },
    { "Servizio per le dipendenze", "ADD", "SerD", "Adulti" },
    { "Mensa sociale", "POV", "Mensa sociale", "Adulti in difficoltà" },
    { "Centro di accoglienza stranieri", "IMMNOM", "Accoglienza", "Stranieri" },
  };
  WmRng rng;
  int n = MAX (1, total_pop / 40000);
  g_auto(OGRCoordinateTransformationH) ct = NULL;
  g_auto(OGRSpatialReferenceH) src = OSRNewSpatialReference (NULL);
  g_auto(OGRSpatialReferenceH) dst = OSRNewSpatialReference (NULL);

  OSRSetFromUserInput (src, w->profile.crs);
  OSRSetFromUserInput (dst, "EPSG:4326");
  OSRSetAxisMappingStrategy (src, OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy (dst, OAMS_TRADITIONAL_GIS_ORDER);
  ct = OCTNewCoordinateTransformation (src, dst);
  wm_rng_seed (&rng, w->seed, RNG_ADDRESS, 999999);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (int i = 0; i < n; i++)
      {
        WmSynthSection *s = g_ptr_array_index (w->sections_arr, wm_rng_below (&rng, w->sections_arr->len));
        WmSynthSite *site;
        double x, y, z = 0;
        guint32 street;

        if (s->area < 0 || s->pop == 0)
          continue;
        wm_synth_area_point (w, s->area, &rng, &x, &y, &street);
        site = g_new0 (WmSynthSite, 1);
        site->name = g_strdup_printf ("%s %s (sintetico)", kinds[k].name,
                                      ((WmSynthArea *) g_ptr_array_index (w->areas, s->area))->name);
        site->area = g_strdup (kinds[k].area);
        site->category = g_strdup (kinds[k].category);
        site->target = g_strdup (kinds[k].target);
        site->address = g_strdup_printf ("%s %d", (const char *) g_ptr_array_index (w->streets, wm_rng_below (&rng, w->streets->len)),
                                         wm_rng_range (&rng, 1, 120));
        site->hours = g_strdup ("lun-ven 9-17");
        site->capacity = wm_rng_range (&rng, 15, 80);
        if (ct != NULL)
          OCTTransform (ct, 1, &x, &y, &z);
        site->lon = x;
        site->lat = y;
        g_ptr_array_add (w->sites, site);
      }
}

void
wm_synth_site_free (gpointer data)
{
  WmSynthSite *s = data;

  g_free (s->name);
  g_free (s->area);
  g_free (s->category);
  g_free (s->address);
  g_free (s->target);
  g_free (s->hours);
  g_free (s);
}
