/* wm-atlas.c — neighbourhood atlas sheets: the snapshot a printout is made from
 *
 * Everything a page needs is taken from the map model when the atlas is
 * made (the table and the geometry by reference — both immutable — and a
 * legend model of its own), so the window may move on while a worker
 * thread writes the PDF.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "wm-atlas-private.h"
#include "wm-schema.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_DEFINE_FINAL_TYPE (WmAtlas, wm_atlas, G_TYPE_OBJECT)

G_DEFINE_QUARK (wm-atlas-error-quark, wm_atlas_error)

/* Earth's equatorial circumference: one world unit of longitude. */
#define EARTH_CIRCUMFERENCE 40075016.686

static const WmIndicatorId default_indicators[] = {
  WM_INDICATOR_IVSM,
  WM_INDICATOR_IVSM_LOW_EDUCATION,
  WM_INDICATOR_IVSM_LARGE_FAMILIES,
  WM_INDICATOR_IVSM_SINGLE_PARENT,
  WM_INDICATOR_IVSM_CARE_HARDSHIP,
  WM_INDICATOR_IVSM_OVERCROWDING,
  WM_INDICATOR_IVSM_NEET,
  WM_INDICATOR_IVSM_ECONOMIC_HARDSHIP,
};

static void
wm_atlas_dispose (GObject *object)
{
  WmAtlas *self = WM_ATLAS (object);

  g_clear_object (&self->painter);
  g_clear_object (&self->classes);
  g_clear_object (&self->table);
  g_clear_object (&self->geometry);
  g_clear_object (&self->sites);
  g_clear_object (&self->tiles);
  G_OBJECT_CLASS (wm_atlas_parent_class)->dispose (object);
}

static void
wm_atlas_finalize (GObject *object)
{
  WmAtlas *self = WM_ATLAS (object);

  g_free (self->printed_by);
  g_clear_pointer (&self->printed_at, g_date_time_unref);
  g_free (self->municipality);
  g_free (self->layer_name);
  g_free (self->layer_code);
  g_free (self->layer_source);
  g_free (self->attribution);
  g_free (self->extract_date);
  g_free (self->to_table);
  g_free (self->sheets);
  g_free (self->index);
  g_free (self->basemap_attribution);
  G_OBJECT_CLASS (wm_atlas_parent_class)->finalize (object);
}

static void
wm_atlas_class_init (WmAtlasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_atlas_dispose;
  object_class->finalize = wm_atlas_finalize;
}

static void
wm_atlas_init (WmAtlas *self)
{
}

/**
 * wm_atlas_value_is_hidden:
 *
 * The disclosure rule of printed sheets (see wm-atlas.h): too few in the
 * denominator, or a numerator of one or two.
 */
gboolean
wm_atlas_value_is_hidden (guint64 numerator,
                          guint64 denominator)
{
  return denominator < WM_ATLAS_MIN_DENOMINATOR || (numerator > 0 && numerator < WM_ATLAS_MIN_NUMERATOR);
}

static gboolean
counts_hidden (WmAtlas       *self,
               WmIndicatorId  indicator,
               int            year,
               int            table_area)
{
  guint64 num, den;

  if (indicator == WM_INDICATOR_IVSM)
    {
      for (WmIndicatorId c = 0; c < WM_IVSM_N_COMPONENTS; c++)
        if (counts_hidden (self, c, year, table_area))
          return TRUE;
      return FALSE;
    }
  /* den 0 is "no data", not hidden */
  return wm_indicator_table_get_counts (self->table, indicator, year, table_area, &num, &den) &&
         den > 0 && (den < self->min_denominator || (num > 0 && num < WM_ATLAS_MIN_NUMERATOR));
}

/* What a sheet prints for one area, indicator and year. */
WmAtlasCell
wm_atlas_cell (WmAtlas       *self,
               WmIndicatorId  indicator,
               guint          year_index,
               int            table_area)
{
  guint n_years;
  const int *years = wm_indicator_table_get_years (self->table, &n_years);
  WmAtlasCell cell = { WM_ATLAS_CELL_NO_DATA, NAN };
  double v;

  if (table_area < 0 || year_index >= n_years)
    return cell;
  v = wm_indicator_table_get_value (self->table, indicator, years[year_index], table_area);
  if (isnan (v))
    return cell;
  if (self->disclosure && counts_hidden (self, indicator, years[year_index], table_area))
    {
      cell.state = WM_ATLAS_CELL_HIDDEN;
      return cell;
    }
  cell.state = WM_ATLAS_CELL_VALUE;
  cell.value = v;
  return cell;
}

/* Rank 1 = the highest value shown in the atlas year; equal values share
 * the better rank (as the table ranks); hidden values are not ranked, so
 * neighbouring ranks cannot bracket them. */
guint
wm_atlas_rank (WmAtlas       *self,
               WmIndicatorId  indicator,
               int            table_area,
               guint         *n_ranked)
{
  WmAtlasCell mine = wm_atlas_cell (self, indicator, self->year_index, table_area);
  guint higher = 0, ranked = 0;

  for (guint a = 0; a < wm_indicator_table_get_n_areas (self->table); a++)
    {
      WmAtlasCell other = wm_atlas_cell (self, indicator, self->year_index, a);

      if (other.state != WM_ATLAS_CELL_VALUE)
        continue;
      ranked++;
      higher += other.value > mine.value;
    }
  *n_ranked = ranked;
  return mine.state == WM_ATLAS_CELL_VALUE ? higher + 1 : 0;
}

/* Metres on the ground per world unit at world latitude @wy (Mercator is
 * conformal: the same along x and y). */
double
wm_atlas_metres_per_world (double wy)
{
  double lon, lat;

  wm_mercator_unproject (0.5, wy, &lon, &lat);
  return EARTH_CIRCUMFERENCE * cos (lat * G_PI / 180);
}

static double
segment_distance (double px, double py,
                  double ax, double ay,
                  double bx, double by)
{
  double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0, 1) : 0;

  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

/* World distance from a point outside @area to its boundary. */
static double
boundary_distance (WmAreaGeometry *geometry,
                   guint           area,
                   double          wx,
                   double          wy)
{
  const guint *rings = wm_area_geometry_get_area_rings (geometry);
  const guint *rp = wm_area_geometry_get_ring_points (geometry, NULL);
  const double *pt = wm_area_geometry_get_points (geometry, NULL);
  double best = INFINITY;

  for (guint r = rings[area]; r < rings[area + 1]; r++)
    for (guint i = rp[r], j = rp[r + 1] - 1; i < rp[r + 1]; j = i++)
      best = MIN (best, segment_distance (wx, wy, pt[2 * j], pt[2 * j + 1], pt[2 * i], pt[2 * i + 1]));
  return best;
}

static int
compare_near (gconstpointer a,
              gconstpointer b)
{
  const WmAtlasNearSite *x = a, *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return x->site < y->site ? -1 : x->site > y->site;
}

/**
 * wm_atlas_near_sites:
 *
 * The service sites inside @area or within the walking distance of its
 * boundary (in a straight line), nearest first.
 *
 * Returns: (transfer full): WmAtlasNearSite
 */
GArray *
wm_atlas_near_sites (WmAtlas *self,
                     guint    area)
{
  GArray *near = g_array_new (FALSE, FALSE, sizeof (WmAtlasNearSite));
  double x0, y0, x1, y1, reach;

  wm_area_geometry_get_bbox (self->geometry, area, &x0, &y0, &x1, &y1);
  reach = self->walk_distance / wm_atlas_metres_per_world ((y0 + y1) / 2);
  for (guint i = 0; i < wm_service_sites_get_n (self->sites); i++)
    {
      const WmServiceSite *site = wm_service_sites_get (self->sites, i);
      WmAtlasNearSite n = { i, 0 };

      if (!wm_atlas_site_shown (self, site))
        continue;
      if (site->wx < x0 - reach || site->wx > x1 + reach || site->wy < y0 - reach || site->wy > y1 + reach)
        continue;
      if (!wm_area_geometry_contains (self->geometry, area, site->wx, site->wy))
        {
          double d = boundary_distance (self->geometry, area, site->wx, site->wy);

          if (d > reach)
            continue;
          n.distance = d * wm_atlas_metres_per_world (site->wy);
        }
      g_array_append_val (near, n);
    }
  g_array_sort (near, compare_near);
  return near;
}

/* The sites of the user areas shown on the map the atlas was made from. */
gboolean
wm_atlas_site_shown (WmAtlas             *self,
                     const WmServiceSite *site)
{
  return (self->site_mask & (1u << site->area)) != 0;
}

const char *
wm_atlas_area_name (WmAtlas *self,
                    guint    area)
{
  const char *name = wm_area_geometry_get_name (self->geometry, area);

  return name != NULL && *name != '\0' ? name : wm_area_geometry_get_code (self->geometry, area);
}

/* The mapped indicator for every area and year, hidden values marked, in
 * a legend model of the atlas's own with the map's settings. */
static void
fill_classes (WmAtlas          *self,
              WmClassification *model_classes,
              WmIndicatorId     model_indicator)
{
  WmIndicatorId mapped = self->indicators[0];
  const WmIndicatorDef *def = wm_indicator_def_get (mapped);
  guint n_areas = wm_area_geometry_get_n_areas (self->geometry), n_years;
  g_autofree double *values = NULL;
  g_autofree guint8 *status = NULL;

  wm_indicator_table_get_years (self->table, &n_years);
  values = g_new (double, (gsize) n_areas * n_years);
  status = g_new (guint8, (gsize) n_areas * n_years);
  for (guint y = 0; y < n_years; y++)
    for (guint a = 0; a < n_areas; a++)
      {
        WmAtlasCell cell = wm_atlas_cell (self, mapped, y, self->to_table[a]);
        gsize i = (gsize) y * n_areas + a;

        values[i] = cell.value;
        status[i] = cell.state == WM_ATLAS_CELL_VALUE ? WM_AREA_VALUE
                    : cell.state == WM_ATLAS_CELL_HIDDEN ? WM_AREA_SUPPRESSED : WM_AREA_NO_DATA;
      }

  self->classes = wm_classification_new ();
  wm_classification_set_palette (self->classes, wm_classification_get_palette (model_classes));
  wm_classification_set_reversed (self->classes, wm_classification_get_reversed (model_classes));
  wm_classification_set_scope (self->classes, wm_classification_get_scope (model_classes));
  wm_classification_set_n_classes (self->classes, wm_classification_get_requested_classes (model_classes), NULL);
  wm_classification_set_title (self->classes, wm_indicator_def_get_label (def));
  wm_classification_set_unit (self->classes, wm_indicator_unit_symbol (def->unit));
  wm_classification_set_source (self->classes, wm_indicator_def_get_source (def));
  wm_classification_set_suppression_note (self->classes, _("Not shown to protect privacy: too few people"));
  wm_classification_set_values (self->classes, values, status, n_areas,
                                wm_indicator_table_get_years (self->table, NULL), n_years);
  wm_classification_set_year_index (self->classes, self->year_index);
  /* Manual breaks belong to the indicator on screen: they carry over only
   * when the atlas maps that one (and still hold its values). */
  if (wm_classification_get_method (model_classes) != WM_CLASSIFY_MANUAL)
    wm_classification_set_method (self->classes, wm_classification_get_method (model_classes));
  else if (mapped == model_indicator && wm_classification_get_n_classes (model_classes) > 1)
    wm_classification_set_manual_breaks (self->classes, wm_classification_get_breaks (model_classes) + 1,
                                         wm_classification_get_n_classes (model_classes) - 1, NULL);
}

static char *
layer_source (sqlite3    *db,
              const char *code)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT source FROM area_layer WHERE code = ?", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

/* "built_at" is an ISO 8601 time; older extracts only have the day their
 * data refers to. */
static char *
extract_date (sqlite3 *db)
{
  g_autofree char *built = wm_schema_meta_get (db, "built_at");
  g_autofree char *reference = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = built != NULL ? g_date_time_new_from_iso8601 (built, utc) : NULL;

  if (when != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (when);

      return wm_atlas_format_date (local);
    }
  reference = wm_schema_meta_get (db, "reference_date");
  return g_steal_pointer (&reference);
}

static gboolean
choose_sheets (WmAtlas               *self,
               const WmAtlasOptions  *options,
               GError               **error)
{
  guint n = wm_area_geometry_get_n_areas (self->geometry);
  g_autofree guint8 *taken = g_new0 (guint8, MAX (n, 1));

  self->sheets = g_new (guint, MAX (n, 1));
  if (options->areas == NULL)
    for (guint a = 0; a < n; a++)
      self->sheets[self->n_sheets++] = a;
  else
    for (guint i = 0; options->areas[i] != NULL; i++)
      {
        int a = wm_area_geometry_find_code (self->geometry, options->areas[i]);

        if (a < 0)
          {
            g_set_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_UNKNOWN_AREA,
                         _("The layer “%s” has no area with the code “%s” — check the code against "
                           "the layer’s areas"), self->layer_code, options->areas[i]);
            return FALSE;
          }
        if (!taken[a])
          self->sheets[self->n_sheets++] = a;
        taken[a] = TRUE;
      }
  if (self->n_sheets == 0)
    {
      g_set_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_NO_AREAS,
                   _("No area of the layer “%s” was chosen, so there is nothing to print — choose at "
                     "least one area"), self->layer_code);
      return FALSE;
    }
  return TRUE;
}

static gboolean
choose_year (WmAtlas  *self,
             int       year,
             GError  **error)
{
  guint n_years;
  const int *years = wm_indicator_table_get_years (self->table, &n_years);

  if (year == 0)
    year = years[n_years - 1];
  for (guint y = 0; y < n_years; y++)
    if (years[y] == year)
      {
        self->year = year;
        self->year_index = y;
        return TRUE;
      }
  g_set_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_YEAR,
               _("The extract has no indicators for %d — choose a year from %d to %d"),
               year, years[0], years[n_years - 1]);
  return FALSE;
}

/**
 * wm_atlas_set_year:
 *
 * Moves the atlas to another year of its table: the map's colours, the
 * legend and the sheets' values follow (the timeline animation steps
 * through the years this way). The class limits stay as the map's.
 */
gboolean
wm_atlas_set_year (WmAtlas  *self,
                   int       year,
                   GError  **error)
{
  g_return_val_if_fail (WM_IS_ATLAS (self), FALSE);

  if (!choose_year (self, year, error))
    return FALSE;
  wm_classification_set_year_index (self->classes, self->year_index);
  return TRUE;
}

static gboolean
open_basemap (WmAtlas     *self,
              const char  *path,
              GError     **error)
{
  g_autoptr(WmMbtiles) mbtiles = NULL;

  if (path == NULL)
    return TRUE;
  mbtiles = wm_mbtiles_open (path, error);
  if (mbtiles == NULL)
    return FALSE;
  self->tiles = wm_tile_canvas_new (mbtiles);
  self->basemap_attribution = g_strdup (wm_tile_canvas_get_attribution (self->tiles));
  return TRUE;
}

/**
 * wm_atlas_new:
 * @model: a loaded map model whose layer's table is computed; its layer
 *   is the atlas's
 * @db: the extract's database (meta, service sites), read only here
 *
 * Returns: (transfer full) (nullable): the atlas, or %NULL with @error
 *   set (WM_ATLAS_ERROR, or the tile pack's error)
 */
WmAtlas *
wm_atlas_new (WmMapModel            *model,
              sqlite3               *db,
              const WmAtlasOptions  *options,
              GError               **error)
{
  g_autoptr(WmAtlas) self = NULL;
  WmAreaLayer *layer;
  const WmIndicatorId *ids;
  guint n_ids;

  g_return_val_if_fail (WM_IS_MAP_MODEL (model), NULL);
  g_return_val_if_fail (db != NULL && options != NULL, NULL);

  if (wm_map_model_get_table (model) == NULL || wm_map_model_get_geometry (model) == NULL)
    {
      g_set_error_literal (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_NOT_READY,
                           _("The indicators of this layer are not computed yet — wait for the map to "
                             "show them, then print again"));
      return NULL;
    }

  self = g_object_new (WM_TYPE_ATLAS, NULL);
  self->table = g_object_ref (wm_map_model_get_table (model));
  self->geometry = g_object_ref (wm_map_model_get_geometry (model));
  layer = wm_map_model_get_layer (model, wm_map_model_get_layer_index (model));
  self->layer_code = g_strdup (wm_area_layer_get_code (layer));
  self->layer_name = g_strdup (wm_area_layer_get_name (layer));
  self->paper = options->paper;
  self->landscape = options->landscape;
  self->walk_distance = options->walk_distance > 0 ? options->walk_distance : WM_ATLAS_DEFAULT_WALK_DISTANCE;
  self->dpi = options->dpi > 0 ? options->dpi : WM_ATLAS_DEFAULT_DPI;
  self->opacity = options->opacity > 0 ? MIN (options->opacity, 1) : 0.75;
  /* never more on paper than on the screen it was printed from, and on
   * paper at least the atlas's own threshold */
  self->disclosure = options->disclosure_control || wm_map_model_get_min_denominator (model) > 0;
  self->min_denominator = MAX (WM_ATLAS_MIN_DENOMINATOR, wm_map_model_get_min_denominator (model));
  self->printed_by = g_strdup (options->printed_by);
  self->site_mask = options->site_areas == 0 ? WM_USER_AREA_ALL : options->site_areas & WM_USER_AREA_ALL;
  self->printed_at = g_date_time_new_now_local ();

  ids = options->indicators != NULL ? options->indicators : default_indicators;
  n_ids = options->indicators != NULL ? options->n_indicators : G_N_ELEMENTS (default_indicators);
  g_return_val_if_fail (n_ids > 0 && n_ids <= WM_ATLAS_MAX_INDICATORS, NULL);
  for (guint i = 0; i < n_ids; i++)
    {
      g_return_val_if_fail (ids[i] < WM_N_INDICATORS, NULL);
      self->indicators[i] = ids[i];
    }
  self->n_indicators = n_ids;

  if (!choose_year (self, options->year, error) || !choose_sheets (self, options, error))
    return NULL;

  self->to_table = g_new (int, MAX (wm_area_geometry_get_n_areas (self->geometry), 1));
  for (guint a = 0; a < wm_area_geometry_get_n_areas (self->geometry); a++)
    self->to_table[a] = wm_map_model_table_area (model, a);

  self->municipality = g_strdup (wm_population_get_municipality_name (wm_map_model_get_population (model)));
  self->layer_source = layer_source (db, self->layer_code);
  self->attribution = wm_schema_meta_get (db, "attribution");
  self->extract_date = extract_date (db);
  self->sites = wm_service_sites_load (db, error);
  if (self->sites == NULL || !open_basemap (self, options->basemap, error))
    return NULL;

  fill_classes (self, wm_map_model_get_classification (model), wm_map_model_get_indicator (model));
  self->painter = wm_choropleth_painter_new (self->geometry);
  wm_choropleth_painter_set_classification (self->painter, self->classes);
  wm_choropleth_painter_set_opacity (self->painter, self->opacity);
  wm_atlas_paginate_index (self);
  return g_steal_pointer (&self);
}

static gint64
count_drawable (sqlite3    *db,
                const char *code)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM area JOIN area_layer l ON l.id = area.layer_id "
                              "WHERE l.code = ? AND area.geom IS NOT NULL", -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/**
 * wm_atlas_default_layer:
 *
 * The layer an atlas prints when none is named: the coarsest one (highest
 * level) with boundaries for at least two areas — one area would be the
 * whole municipality, not a neighbourhood — and of those the one with the
 * fewest areas.
 *
 * Returns: a layer index of @model, or −1 when no layer qualifies
 */
int
wm_atlas_default_layer (WmMapModel *model,
                        sqlite3    *db)
{
  int best = -1, best_level = G_MININT;
  gint64 best_n = G_MAXINT64;

  for (guint i = 0; i < wm_map_model_get_n_layers (model); i++)
    {
      WmAreaLayer *layer = wm_map_model_get_layer (model, i);
      gint64 n = count_drawable (db, wm_area_layer_get_code (layer));
      int level = wm_area_layer_get_level (layer);

      if (n < 2)
        continue;
      if (level > best_level || (level == best_level && n < best_n))
        {
          best = i;
          best_level = level;
          best_n = n;
        }
    }
  return best;
}

/**
 * wm_atlas_basemap_fits:
 * @mbtiles: a tile pack's path
 *
 * Whether the pack is worth printing under @geometry: it opens, and the
 * middle of the layer lies within its bounds (the bundled pack covers
 * Povo only).
 */
gboolean
wm_atlas_basemap_fits (const char     *mbtiles,
                       WmAreaGeometry *geometry)
{
  g_autoptr(WmMbtiles) pack = NULL;
  double x0, y0, x1, y1, lon, lat, w, s, e, n;

  if (!g_file_test (mbtiles, G_FILE_TEST_IS_REGULAR) || (pack = wm_mbtiles_open (mbtiles, NULL)) == NULL ||
      !wm_mbtiles_get_bounds (pack, &w, &s, &e, &n) || !wm_area_geometry_get_extent (geometry, &x0, &y0, &x1, &y1))
    return FALSE;
  wm_mercator_unproject ((x0 + x1) / 2, (y0 + y1) / 2, &lon, &lat);
  return lon >= w && lon <= e && lat >= s && lat <= n;
}

guint
wm_atlas_get_n_pages (WmAtlas *self)
{
  g_return_val_if_fail (WM_IS_ATLAS (self), 0);
  return 1 + self->n_index_pages + self->n_sheets;
}

guint
wm_atlas_get_n_sheets (WmAtlas *self)
{
  g_return_val_if_fail (WM_IS_ATLAS (self), 0);
  return self->n_sheets;
}

/* The 0-based page of a sheet. */
guint
wm_atlas_get_sheet_page (WmAtlas *self,
                         guint    sheet)
{
  g_return_val_if_fail (WM_IS_ATLAS (self), 0);
  g_return_val_if_fail (sheet < self->n_sheets, 0);
  return 1 + self->n_index_pages + sheet;
}

/* The geometry area a sheet describes. */
guint
wm_atlas_get_sheet_area (WmAtlas *self,
                         guint    sheet)
{
  g_return_val_if_fail (WM_IS_ATLAS (self), 0);
  g_return_val_if_fail (sheet < self->n_sheets, 0);
  return self->sheets[sheet];
}

int
wm_atlas_get_year (WmAtlas *self)
{
  g_return_val_if_fail (WM_IS_ATLAS (self), 0);
  return self->year;
}

const WmIndicatorId *
wm_atlas_get_indicators (WmAtlas *self,
                         guint   *n_indicators)
{
  g_return_val_if_fail (WM_IS_ATLAS (self), NULL);
  *n_indicators = self->n_indicators;
  return self->indicators;
}

/* The legend model of the mapped indicator, as the sheets colour it. */
WmClassification *
wm_atlas_get_classification (WmAtlas *self)
{
  g_return_val_if_fail (WM_IS_ATLAS (self), NULL);
  return self->classes;
}

/* In points. */
void
wm_atlas_get_page_size (WmAtlas *self,
                        double  *width,
                        double  *height)
{
  g_return_if_fail (WM_IS_ATLAS (self));

  wm_atlas_base_size (self->landscape, width, height);
  if (self->paper == WM_ATLAS_PAPER_A3)
    {
      /* 297 × 420 mm: ISO rounds, so not quite A4 × √2 */
      *width = self->landscape ? WM_ATLAS_A3_LONG : WM_ATLAS_BASE_LONG;
      *height = self->landscape ? WM_ATLAS_BASE_LONG : WM_ATLAS_A3_LONG;
    }
}

/* The document's title, for the PDF metadata and a file name. */
char *
wm_atlas_get_title (WmAtlas *self)
{
  g_return_val_if_fail (WM_IS_ATLAS (self), NULL);
  return g_strdup_printf (_("%s — neighbourhood atlas, %s, %d"), self->municipality, self->layer_name, self->year);
}
