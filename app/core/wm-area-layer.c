/* wm-area-layer.c — one boundary layer of an extract: its areas, ids, codes, names
 *
 * Areas are numbered 0 … n − 1 in the order the extract lists them (by
 * code); every per-area array of the indicator engine uses that index.
 * Immutable once the extract is loaded, so any thread may read it.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>

#include "wm-area-layer-private.h"

typedef struct {
  gint64 id;
  char *code;
  char *name;
  double label_lon;
  double label_lat;
} Area;

struct _WmAreaLayer
{
  GObject parent_instance;

  gint64 id;
  char *code;
  char *name;
  int level;
  WmAreaJoinKind join_kind;
  GArray *areas;            /* of Area */
  GHashTable *by_id;        /* area.id → index + 1 */
};

G_DEFINE_FINAL_TYPE (WmAreaLayer, wm_area_layer, G_TYPE_OBJECT)

static void
clear_area (gpointer data)
{
  Area *area = data;

  g_free (area->code);
  g_free (area->name);
}

static void
wm_area_layer_finalize (GObject *object)
{
  WmAreaLayer *self = WM_AREA_LAYER (object);

  g_hash_table_unref (self->by_id);
  g_array_unref (self->areas);
  g_free (self->code);
  g_free (self->name);

  G_OBJECT_CLASS (wm_area_layer_parent_class)->finalize (object);
}

static void
wm_area_layer_class_init (WmAreaLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_area_layer_finalize;
}

static void
wm_area_layer_init (WmAreaLayer *self)
{
  self->areas = g_array_new (FALSE, FALSE, sizeof (Area));
  g_array_set_clear_func (self->areas, clear_area);
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

WmAreaLayer *
wm_area_layer_new (gint64          id,
                   const char     *code,
                   const char     *name,
                   int             level,
                   WmAreaJoinKind  join_kind)
{
  WmAreaLayer *self = g_object_new (WM_TYPE_AREA_LAYER, NULL);

  self->id = id;
  self->code = g_strdup (code);
  self->name = g_strdup (name);
  self->level = level;
  self->join_kind = join_kind;
  return self;
}

void
wm_area_layer_add_area (WmAreaLayer *self,
                        gint64       id,
                        const char  *code,
                        const char  *name,
                        double       label_lon,
                        double       label_lat)
{
  Area area = { id, g_strdup (code), g_strdup (name), label_lon, label_lat };
  guint index = self->areas->len;

  g_array_append_val (self->areas, area);
  g_hash_table_insert (self->by_id, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (index + 1));
}

static Area *
get_area (WmAreaLayer *self,
          guint        area)
{
  return &g_array_index (self->areas, Area, area);
}

gint64
wm_area_layer_get_id (WmAreaLayer *self)
{
  g_return_val_if_fail (WM_IS_AREA_LAYER (self), 0);
  return self->id;
}

const char *
wm_area_layer_get_code (WmAreaLayer *self)
{
  g_return_val_if_fail (WM_IS_AREA_LAYER (self), NULL);
  return self->code;
}

const char *
wm_area_layer_get_name (WmAreaLayer *self)
{
  g_return_val_if_fail (WM_IS_AREA_LAYER (self), NULL);
  return self->name;
}

int
wm_area_layer_get_level (WmAreaLayer *self)
{
  g_return_val_if_fail (WM_IS_AREA_LAYER (self), 0);
  return self->level;
}

WmAreaJoinKind
wm_area_layer_get_join_kind (WmAreaLayer *self)
{
  g_return_val_if_fail (WM_IS_AREA_LAYER (self), 0);
  return self->join_kind;
}

guint
wm_area_layer_get_n_areas (WmAreaLayer *self)
{
  g_return_val_if_fail (WM_IS_AREA_LAYER (self), 0);
  return self->areas->len;
}

gint64
wm_area_layer_get_area_id (WmAreaLayer *self,
                           guint        area)
{
  g_return_val_if_fail (WM_IS_AREA_LAYER (self), 0);
  g_return_val_if_fail (area < self->areas->len, 0);
  return get_area (self, area)->id;
}

const char *
wm_area_layer_get_area_code (WmAreaLayer *self,
                             guint        area)
{
  g_return_val_if_fail (WM_IS_AREA_LAYER (self), NULL);
  g_return_val_if_fail (area < self->areas->len, NULL);
  return get_area (self, area)->code;
}

const char *
wm_area_layer_get_area_name (WmAreaLayer *self,
                             guint        area)
{
  g_return_val_if_fail (WM_IS_AREA_LAYER (self), NULL);
  g_return_val_if_fail (area < self->areas->len, NULL);
  return get_area (self, area)->name;
}

/* Returns: %FALSE when the extract has no label point for the area */
gboolean
wm_area_layer_get_area_label_point (WmAreaLayer *self,
                                    guint        area,
                                    double      *lon,
                                    double      *lat)
{
  Area *a;

  g_return_val_if_fail (WM_IS_AREA_LAYER (self), FALSE);
  g_return_val_if_fail (area < self->areas->len, FALSE);
  a = get_area (self, area);
  if (isnan (a->label_lon) || isnan (a->label_lat))
    return FALSE;
  *lon = a->label_lon;
  *lat = a->label_lat;
  return TRUE;
}

/* Returns: the index of the area with @code, or −1 (a linear search: for
 * command-line options and tests, not for loops over areas) */
int
wm_area_layer_find_area (WmAreaLayer *self,
                         const char  *code)
{
  g_return_val_if_fail (WM_IS_AREA_LAYER (self), -1);

  for (guint i = 0; i < self->areas->len; i++)
    if (g_strcmp0 (get_area (self, i)->code, code) == 0)
      return (int) i;
  return -1;
}

/* Returns: the index of the area whose area.id is @id, or −1 */
int
wm_area_layer_find_area_id (WmAreaLayer *self,
                            gint64       id)
{
  g_return_val_if_fail (WM_IS_AREA_LAYER (self), -1);
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->by_id, &id)) - 1;
}
