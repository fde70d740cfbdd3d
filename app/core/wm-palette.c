/* wm-palette.c — ColorBrewer colour schemes for choropleth classes
 *
 * ColorBrewer designs each scheme for an exact number of classes (3 to 9
 * here), so a k-class map takes the k-class scheme, never a resampled
 * ramp. A classification can end up with fewer than 3 classes (all values
 * equal, two distinct values): those take colours of the 3-class scheme.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-palette-private.h"

static const WmPaletteData *
lookup (const char *name)
{
  if (name == NULL)
    return NULL;
  for (gsize i = 0; i < wm_palette_data_len; i++)
    if (g_ascii_strcasecmp (wm_palette_data[i].name, name) == 0)
      return &wm_palette_data[i];
  return NULL;
}

/**
 * wm_palette_list:
 *
 * Returns: (transfer container) (element-type utf8): scheme names
 */
GPtrArray *
wm_palette_list (WmPaletteKind kind,
                 gboolean      colorblind_safe_only)
{
  GPtrArray *names = g_ptr_array_new ();

  for (gsize i = 0; i < wm_palette_data_len; i++)
    if (wm_palette_data[i].kind == kind &&
        (!colorblind_safe_only || wm_palette_data[i].colorblind_safe))
      g_ptr_array_add (names, (gpointer) wm_palette_data[i].name);
  return names;
}

gboolean
wm_palette_exists (const char *name)
{
  return lookup (name) != NULL;
}

WmPaletteKind
wm_palette_get_kind (const char *name)
{
  const WmPaletteData *p = lookup (name);

  g_return_val_if_fail (p != NULL, WM_PALETTE_SEQUENTIAL);
  return p->kind;
}

gboolean
wm_palette_is_colorblind_safe (const char *name)
{
  const WmPaletteData *p = lookup (name);

  return p != NULL && p->colorblind_safe;
}

/**
 * wm_palette_get_colors:
 * @n_classes: 1 to 9
 * @reversed: dark to light (or the other arm first, for diverging schemes)
 * @colors: (out caller-allocates) (array fixed-size=9): @n_classes colours
 *
 * Returns: %FALSE for an unknown scheme or a class count out of range
 */
gboolean
wm_palette_get_colors (const char *name,
                       guint       n_classes,
                       gboolean    reversed,
                       WmRgb      *colors)
{
  const WmPaletteData *p = lookup (name);
  const WmRgb *three;

  if (p == NULL || n_classes < 1 || n_classes > WM_PALETTE_MAX_CLASSES)
    return FALSE;

  three = p->colors[0];
  if (n_classes == 1)
    colors[0] = three[1];
  else if (n_classes == 2)
    {
      colors[0] = three[0];
      colors[1] = three[2];
    }
  else
    memcpy (colors, p->colors[n_classes - WM_PALETTE_MIN_CLASSES], n_classes * sizeof (WmRgb));

  if (reversed)
    for (guint i = 0; i < n_classes / 2; i++)
      {
        WmRgb t = colors[i];

        colors[i] = colors[n_classes - 1 - i];
        colors[n_classes - 1 - i] = t;
      }
  return TRUE;
}

/* Printed in the legend's source line and the atlas colophon. */
const char *
wm_palette_attribution (void)
{
  return _("Colours from www.ColorBrewer.org by Cynthia A. Brewer, Penn State");
}
