/* wm-synth-profile.c — a place profile: what the census does not say
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wm-synth-private.h"
#include "wm-synth-tables.h"

static gboolean
parse_list (GKeyFile   *file,
            const char *group,
            const char *key,
            double     *out,
            gsize       n,
            gboolean    required,
            GError    **error)
{
  g_autofree char *text = g_key_file_get_string (file, group, key, NULL);
  g_auto(GStrv) parts = NULL;

  if (text == NULL || *g_strstrip (text) == '\0')
    {
      if (required)
        {
          g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_PROFILE,
                       _("place profile: [%s] %s is missing — give %u numbers separated by commas"),
                       group, key, (guint) n);
          return FALSE;
        }
      return TRUE;
    }
  parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) != n)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_PROFILE,
                   _("place profile: [%s] %s has %u values, not %u — give one per class"),
                   group, key, g_strv_length (parts), (guint) n);
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    out[i] = g_ascii_strtod (g_strstrip (parts[i]), NULL);
  return TRUE;
}

static double
get_double (GKeyFile *file, const char *group, const char *key, double fallback)
{
  g_autofree char *text = g_key_file_get_string (file, group, key, NULL);

  return text != NULL && *text != '\0' ? g_ascii_strtod (text, NULL) : fallback;
}

gboolean
wm_synth_profile_load (WmSynthProfile *pr,
                       GKeyFile       *file,
                       GError        **error)
{
  g_autofree char *flavour = g_key_file_get_string (file, "place", "flavour", NULL);
  g_autofree char *communities = g_key_file_get_string (file, "population", "communities", NULL);

  pr->name = g_key_file_get_string (file, "place", "name", NULL);
  pr->comune = g_key_file_get_string (file, "place", "comune", NULL);
  pr->crs = g_key_file_get_string (file, "place", "crs", NULL);
  if (pr->name == NULL || pr->comune == NULL || strlen (pr->comune) != 4 || pr->crs == NULL)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_PROFILE,
                   _("place profile: [place] needs name, comune (the 4-character Belfiore code) and crs"));
      return FALSE;
    }
  pr->census_year = g_key_file_get_integer (file, "place", "census-year", NULL);
  if (pr->census_year < 1990 || pr->census_year > 2100)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_PROFILE,
                   _("place profile: [place] census-year is missing or not a year"));
      return FALSE;
    }
  pr->region = g_key_file_get_integer (file, "place", "region", NULL);
  pr->flavour = g_strcmp0 (flavour, "north") == 0 ? WM_SYNTH_FLAVOUR_NORTH
              : g_strcmp0 (flavour, "south") == 0 ? WM_SYNTH_FLAVOUR_SOUTH : WM_SYNTH_FLAVOUR_ITALY;

  if (!parse_list (file, "population", "age-males", pr->age_sex[0], WM_SYNTH_BANDS, FALSE, error) ||
      !parse_list (file, "population", "age-females", pr->age_sex[1], WM_SYNTH_BANDS, FALSE, error) ||
      !parse_list (file, "population", "family-sizes", pr->family_sizes, 6, FALSE, error))
    return FALSE;
  pr->foreign_share = get_double (file, "population", "foreign-share", 0.08);
  pr->employment_rate = get_double (file, "population", "employment-rate", 0.6);
  pr->born_here = get_double (file, "population", "born-here", 0.55);
  pr->public_housing = get_double (file, "housing", "public-share", 0.05);
  pr->rent_share = get_double (file, "housing", "rent-share", 0.2);
  pr->mobility = get_double (file, "population", "mobility", 0.03);
  pr->wealth_sd = get_double (file, "population", "wealth-sd", 0.6);
  pr->edu_min_age = 9;
  pr->targets[TARGET_OVERCROWDING] = get_double (file, "indicators", "overcrowding", 0.015);
  pr->targets[TARGET_NEET] = get_double (file, "indicators", "neet", 0.123);
  pr->targets[TARGET_ECONOMIC] = get_double (file, "indicators", "economic-hardship", 0.027);
  pr->targets[TARGET_CARE] = get_double (file, "indicators", "care-hardship", 0.030);
  pr->targets[TARGET_LARGE] = get_double (file, "indicators", "large-families", 0.014);

  if (communities != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (communities, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_auto(GStrv) kv = g_strsplit (g_strstrip (parts[i]), ":", 2);
          int c;

          if (kv[0] == NULL || kv[1] == NULL || (c = wm_synth_country_find (g_strstrip (kv[0]))) < 0)
            {
              g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_PROFILE,
                           _("place profile: [population] communities: “%s” is not Country:weight with a known country"),
                           parts[i]);
              return FALSE;
            }
          pr->communities[c] = g_ascii_strtod (kv[1], NULL);
        }
    }
  else
    pr->communities[0] = 1;
  return TRUE;
}
