/* wm-basemap.c — render an offline raster basemap from vector layers
 *
 * Layers are read once with GDAL, reprojected to WGS84 and projected to
 * Web Mercator; tiles are then drawn with cairo in 8 × 8 metatiles (so
 * lines and labels continue across tile edges) and written to MBTiles.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <gdal.h>
#include <glib/gi18n.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "wm-basemap-private.h"
#include "wm-mbtiles-writer.h"
#include "wm-mercator.h"

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (GDALDatasetH, GDALClose, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRSpatialReferenceH, OSRDestroySpatialReference, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRCoordinateTransformationH, OCTDestroyCoordinateTransformation, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRFeatureH, OGR_F_Destroy, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRGeometryH, OGR_G_DestroyGeometry, NULL)

#define METATILE 8
#define BUFFER 64

struct _WmBasemap
{
  GObject parent_instance;
  GPtrArray *features;
  double bounds[4];     /* world coordinates, like feature bboxes */
};

G_DEFINE_FINAL_TYPE (WmBasemap, wm_basemap, G_TYPE_OBJECT)

G_DEFINE_QUARK (wm-basemap-error-quark, wm_basemap_error)

static void
feature_free (WmBasemapFeature *f)
{
  g_free (f->name);
  g_free (f->part_len);
  g_free (f->xy);
  g_free (f);
}

static void
wm_basemap_finalize (GObject *object)
{
  WmBasemap *self = WM_BASEMAP (object);

  g_ptr_array_unref (self->features);
  G_OBJECT_CLASS (wm_basemap_parent_class)->finalize (object);
}

static void
wm_basemap_class_init (WmBasemapClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_basemap_finalize;
}

static void
wm_basemap_init (WmBasemap *self)
{
  self->features = g_ptr_array_new_with_free_func ((GDestroyNotify) feature_free);
  self->bounds[0] = self->bounds[1] = G_MAXDOUBLE;
  self->bounds[2] = self->bounds[3] = -G_MAXDOUBLE;
}

WmBasemap *
wm_basemap_new (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      GDALAllRegister ();
      g_once_init_leave (&registered, 1);
    }
  return g_object_new (WM_TYPE_BASEMAP, NULL);
}

GPtrArray *
wm_basemap_get_features (WmBasemap *self)
{
  return self->features;
}

guint
wm_basemap_get_n_features (WmBasemap *self)
{
  g_return_val_if_fail (WM_IS_BASEMAP (self), 0);
  return self->features->len;
}

static const char *
field_string (OGRFeatureH  feature,
              int          index)
{
  if (index < 0 || !OGR_F_IsFieldSetAndNotNull (feature, index))
    return NULL;
  return OGR_F_GetFieldAsString (feature, index);
}

typedef struct {
  int highway, route, name, nome, natural, landuse, leisure, waterway;
} Fields;

static WmBasemapKind
classify (OGRFeatureH    feature,
          const Fields  *fields,
          WmBasemapRole  role,
          gboolean       is_area)
{
  const char *natural = field_string (feature, fields->natural);
  const char *landuse = field_string (feature, fields->landuse);
  const char *leisure = field_string (feature, fields->leisure);
  WmBasemapKind cls;

  switch (role)
    {
    case WM_BASEMAP_ROLE_ROADS:
      cls = wm_basemap_classify_highway (field_string (feature, fields->highway));
      return cls != WM_BASEMAP_KIND_NONE ? cls : WM_BASEMAP_KIND_MINOR;
    case WM_BASEMAP_ROLE_ROUTES:
      return wm_basemap_classify_route (field_string (feature, fields->route));
    case WM_BASEMAP_ROLE_BOUNDARY:
      return WM_BASEMAP_KIND_BOUNDARY;
    case WM_BASEMAP_ROLE_ADMIN:
      return WM_BASEMAP_KIND_ADMIN;
    case WM_BASEMAP_ROLE_WATER:
      return is_area ? WM_BASEMAP_KIND_WATER : WM_BASEMAP_KIND_WATERWAY;
    case WM_BASEMAP_ROLE_GREEN:
      return WM_BASEMAP_KIND_GREEN;
    case WM_BASEMAP_ROLE_AUTO:
    default:
      break;
    }

  if ((cls = wm_basemap_classify_highway (field_string (feature, fields->highway))) != WM_BASEMAP_KIND_NONE)
    return cls;
  if ((cls = wm_basemap_classify_route (field_string (feature, fields->route))) != WM_BASEMAP_KIND_NONE)
    return cls;
  if (field_string (feature, fields->waterway) != NULL)
    return is_area ? WM_BASEMAP_KIND_WATER : WM_BASEMAP_KIND_WATERWAY;
  if (g_strcmp0 (natural, "water") == 0 || g_strcmp0 (landuse, "reservoir") == 0)
    return WM_BASEMAP_KIND_WATER;
  if (g_strcmp0 (natural, "wood") == 0 || g_strcmp0 (landuse, "forest") == 0 ||
      g_strcmp0 (landuse, "grass") == 0 || g_strcmp0 (landuse, "meadow") == 0 ||
      g_strcmp0 (leisure, "park") == 0)
    return WM_BASEMAP_KIND_GREEN;
  return is_area ? WM_BASEMAP_KIND_BOUNDARY : WM_BASEMAP_KIND_NONE;
}

/* Appends the lines or rings of @geom (already in WGS84) to @f. */
static void
collect_parts (OGRGeometryH  geom,
               GArray       *part_len,
               GArray       *xy)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (geom));

  switch (type)
    {
    case wkbLineString:
    case wkbLinearRing:
      {
        int n = OGR_G_GetPointCount (geom);
        guint len = n;

        if (n < 2)
          return;
        for (int i = 0; i < n; i++)
          {
            double p[2];

            wm_mercator_project (OGR_G_GetX (geom, i), OGR_G_GetY (geom, i), &p[0], &p[1]);
            g_array_append_vals (xy, p, 2);
          }
        g_array_append_val (part_len, len);
      }
      break;
    case wkbPolygon:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection:
      for (int i = 0; i < OGR_G_GetGeometryCount (geom); i++)
        collect_parts (OGR_G_GetGeometryRef (geom, i), part_len, xy);
      break;
    default:
      break;  /* points are overlays, not basemap */
    }
}

static void
add_feature (WmBasemap      *self,
             OGRGeometryH    geom,
             WmBasemapKind  cls,
             const char     *name)
{
  GArray *part_len = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *xy = g_array_new (FALSE, FALSE, sizeof (double));
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (geom));
  WmBasemapFeature *f;
  guint n;

  collect_parts (geom, part_len, xy);
  if (part_len->len == 0)
    {
      g_array_unref (part_len);
      g_array_unref (xy);
      return;
    }

  f = g_new0 (WmBasemapFeature, 1);
  f->cls = cls;
  f->is_area = type == wkbPolygon || type == wkbMultiPolygon;
  f->name = name != NULL && *name != '\0' ? g_strdup (name) : NULL;
  f->n_parts = part_len->len;
  n = xy->len / 2;
  f->part_len = (guint *) g_array_free (part_len, FALSE);
  f->xy = (double *) g_array_free (xy, FALSE);
  f->bbox[0] = f->bbox[1] = G_MAXDOUBLE;
  f->bbox[2] = f->bbox[3] = -G_MAXDOUBLE;
  for (guint i = 0; i < n; i++)
    {
      f->bbox[0] = MIN (f->bbox[0], f->xy[2 * i]);
      f->bbox[1] = MIN (f->bbox[1], f->xy[2 * i + 1]);
      f->bbox[2] = MAX (f->bbox[2], f->xy[2 * i]);
      f->bbox[3] = MAX (f->bbox[3], f->xy[2 * i + 1]);
    }
  if (f->is_area)
    {
      g_auto(OGRGeometryH) inside = OGR_G_PointOnSurface (geom);

      if (inside != NULL)
        wm_mercator_project (OGR_G_GetX (inside, 0), OGR_G_GetY (inside, 0), &f->label[0], &f->label[1]);
      else
        {
          f->label[0] = (f->bbox[0] + f->bbox[2]) / 2;
          f->label[1] = (f->bbox[1] + f->bbox[3]) / 2;
        }
    }
  self->bounds[0] = MIN (self->bounds[0], f->bbox[0]);
  self->bounds[1] = MIN (self->bounds[1], f->bbox[1]);
  self->bounds[2] = MAX (self->bounds[2], f->bbox[2]);
  self->bounds[3] = MAX (self->bounds[3], f->bbox[3]);
  g_ptr_array_add (self->features, f);
}

static gboolean
source_error (GError     **error,
              int          code,
              const char  *path,
              const char  *reason)
{
  g_set_error (error, WM_BASEMAP_ERROR, code, "%s: %s", path, reason);
  return FALSE;
}

static guint
add_layer (WmBasemap     *self,
           OGRLayerH      layer,
           WmBasemapRole  role,
           const char    *path,
           GError       **error)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  OGRSpatialReferenceH srs = OGR_L_GetSpatialRef (layer);
  g_auto(OGRSpatialReferenceH) wgs84 = OSRNewSpatialReference (NULL);
  g_auto(OGRCoordinateTransformationH) transform = NULL;
  Fields fields = {
    OGR_FD_GetFieldIndex (defn, "highway"), OGR_FD_GetFieldIndex (defn, "route"),
    OGR_FD_GetFieldIndex (defn, "name"), OGR_FD_GetFieldIndex (defn, "nome"),
    OGR_FD_GetFieldIndex (defn, "natural"), OGR_FD_GetFieldIndex (defn, "landuse"),
    OGR_FD_GetFieldIndex (defn, "leisure"), OGR_FD_GetFieldIndex (defn, "waterway"),
  };
  guint before = self->features->len;
  OGRFeatureH raw;

  OSRImportFromEPSG (wgs84, 4326);
  OSRSetAxisMappingStrategy (wgs84, OAMS_TRADITIONAL_GIS_ORDER);
  if (srs != NULL && !OSRIsSame (srs, wgs84))
    {
      g_auto(OGRSpatialReferenceH) from = OSRClone (srs);

      OSRSetAxisMappingStrategy (from, OAMS_TRADITIONAL_GIS_ORDER);
      transform = OCTNewCoordinateTransformation (from, wgs84);
      if (transform == NULL)
        {
          g_autofree char *reason =
            g_strdup_printf (_("layer “%s” is in a coordinate system that cannot be converted to WGS84 (%s) — "
                               "reproject it or give it a CRS"),
                             OGR_L_GetName (layer), CPLGetLastErrorMsg ());
          source_error (error, WM_BASEMAP_ERROR_SOURCE, path, reason);
          return 0;
        }
    }

  OGR_L_ResetReading (layer);
  while ((raw = OGR_L_GetNextFeature (layer)) != NULL)
    {
      g_auto(OGRFeatureH) feature = raw;
      OGRGeometryH geom = OGR_F_GetGeometryRef (feature);
      g_auto(OGRGeometryH) copy = NULL;
      OGRwkbGeometryType type;
      WmBasemapKind cls;
      const char *name;

      if (geom == NULL || OGR_G_IsEmpty (geom))
        continue;
      type = wkbFlatten (OGR_G_GetGeometryType (geom));
      if (type == wkbPoint || type == wkbMultiPoint)
        continue;
      cls = classify (feature, &fields, role, type == wkbPolygon || type == wkbMultiPolygon);
      if (cls == WM_BASEMAP_KIND_NONE)
        continue;
      copy = OGR_G_Clone (geom);
      if (transform != NULL && OGR_G_Transform (copy, transform) != OGRERR_NONE)
        continue;  /* a vertex outside the CRS's domain: skip the feature, not the layer */
      name = field_string (feature, fields.name);
      if (name == NULL)
        name = field_string (feature, fields.nome);
      add_feature (self, copy, cls, name);
    }
  return self->features->len - before;
}

/**
 * wm_basemap_add_source:
 * @layer: (nullable): one layer of @path, or %NULL for all its layers
 * @role: what the layer is; AUTO guesses from OpenStreetMap tags
 */
gboolean
wm_basemap_add_source (WmBasemap      *self,
                       const char     *path,
                       const char     *layer,
                       WmBasemapRole   role,
                       GError        **error)
{
  g_auto(GDALDatasetH) ds = NULL;
  guint added = 0;

  g_return_val_if_fail (WM_IS_BASEMAP (self), FALSE);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return source_error (error, WM_BASEMAP_ERROR_SOURCE, path,
                         _("the file does not exist — check the path"));

  /* GDAL's notes (e.g. on GeoPackage versions) are not the user's concern;
   * a failure is reported below in our words. */
  CPLPushErrorHandler (CPLQuietErrorHandler);
  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  CPLPopErrorHandler ();
  if (ds == NULL || GDALDatasetGetLayerCount (ds) == 0)
    return source_error (error, WM_BASEMAP_ERROR_SOURCE, path,
                         _("not a vector data file GDAL can read (GeoPackage, GeoJSON, Shapefile…) — "
                           "choose the file holding streets or boundaries"));

  if (layer != NULL)
    {
      OGRLayerH l = GDALDatasetGetLayerByName (ds, layer);

      if (l == NULL)
        {
          g_autofree char *reason = g_strdup_printf (_("it has no layer “%s” — list its layers with ogrinfo"), layer);
          return source_error (error, WM_BASEMAP_ERROR_SOURCE, path, reason);
        }
      added = add_layer (self, l, role, path, error);
    }
  else
    for (int i = 0; i < GDALDatasetGetLayerCount (ds); i++)
      {
        added += add_layer (self, GDALDatasetGetLayer (ds, i), role, path, error);
        if (error != NULL && *error != NULL)
          return FALSE;
      }

  if (error != NULL && *error != NULL)
    return FALSE;
  if (added == 0)
    return source_error (error, WM_BASEMAP_ERROR_NO_FEATURES, path,
                         _("it has no lines or polygons a basemap can draw — "
                           "give streets (with an OSM “highway” field), routes or boundaries"));
  return TRUE;
}

/**
 * wm_basemap_add_source_spec:
 * @spec: "[ROLE=]PATH[:LAYER]", as the command line takes it
 */
gboolean
wm_basemap_add_source_spec (WmBasemap   *self,
                            const char  *spec,
                            GError     **error)
{
  WmBasemapRole role = WM_BASEMAP_ROLE_AUTO;
  const char *eq = strchr (spec, '=');
  g_autofree char *path = NULL;
  g_autofree char *layer = NULL;
  const char *colon;

  if (eq != NULL && !g_file_test (spec, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = g_strndup (spec, eq - spec);

      if (!wm_basemap_role_parse (name, &role))
        {
          g_set_error (error, WM_BASEMAP_ERROR, WM_BASEMAP_ERROR_SOURCE,
                       _("%s: unknown role “%s” — use roads, routes, boundary, admin, water, green or auto"),
                       spec, name);
          return FALSE;
        }
      spec = eq + 1;
    }

  colon = strrchr (spec, ':');
  if (colon != NULL && !g_file_test (spec, G_FILE_TEST_EXISTS))
    {
      path = g_strndup (spec, colon - spec);
      layer = g_strdup (colon + 1);
    }
  else
    path = g_strdup (spec);

  return wm_basemap_add_source (self, path, layer, role, error);
}

/**
 * wm_basemap_get_bounds:
 *
 * The extent of every feature loaded, in degrees.
 */
gboolean
wm_basemap_get_bounds (WmBasemap *self,
                       double    *west,
                       double    *south,
                       double    *east,
                       double    *north)
{
  g_return_val_if_fail (WM_IS_BASEMAP (self), FALSE);

  if (self->features->len == 0)
    return FALSE;
  /* world y grows southwards */
  wm_mercator_unproject (self->bounds[0], self->bounds[1], west, north);
  wm_mercator_unproject (self->bounds[2], self->bounds[3], east, south);
  return TRUE;
}

/**
 * wm_basemap_render_tile:
 *
 * Draws the 256 × 256 tile @x, @y (XYZ) at @zoom, with the same margins
 * as the pack writer uses, so a tile drawn alone equals the stored one
 * except for labels near its edges.
 *
 * Returns: (transfer full): an RGB24 image surface
 */
cairo_surface_t *
wm_basemap_render_tile (WmBasemap *self,
                        int        zoom,
                        int        x,
                        int        y)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WM_TILE_SIZE, WM_TILE_SIZE);
  cairo_t *cr = cairo_create (surface);

  wm_basemap_draw (self->features, cr, zoom, x * WM_TILE_SIZE, y * WM_TILE_SIZE,
                   WM_TILE_SIZE, WM_TILE_SIZE, 0);
  cairo_destroy (cr);
  return surface;
}

static void
tile_range (const double *bounds,
            int           zoom,
            int           pad,
            int          *x0,
            int          *y0,
            int          *x1,
            int          *y1)
{
  double wx0, wy0, wx1, wy1;
  int max = (1 << zoom) - 1;

  wm_mercator_project (bounds[0], bounds[3], &wx0, &wy0);
  wm_mercator_project (bounds[2], bounds[1], &wx1, &wy1);
  *x0 = CLAMP ((int) floor (wx0 * (1 << zoom) / WM_TILE_SIZE) - pad, 0, max);
  *y0 = CLAMP ((int) floor (wy0 * (1 << zoom) / WM_TILE_SIZE) - pad, 0, max);
  *x1 = CLAMP ((int) floor (wx1 * (1 << zoom) / WM_TILE_SIZE) + pad, 0, max);
  *y1 = CLAMP ((int) floor (wy1 * (1 << zoom) / WM_TILE_SIZE) + pad, 0, max);
}

/**
 * wm_basemap_count_tiles:
 * @bounds: west, south, east, north in degrees
 * @pad: tiles added on each side at every zoom
 */
guint
wm_basemap_count_tiles (const double *bounds,
                        int           min_zoom,
                        int           max_zoom,
                        int           pad)
{
  guint64 total = 0;

  for (int z = min_zoom; z <= max_zoom; z++)
    {
      int x0, y0, x1, y1;

      tile_range (bounds, z, pad, &x0, &y0, &x1, &y1);
      total += (guint64) (x1 - x0 + 1) * (y1 - y0 + 1);
    }
  return MIN (total, G_MAXUINT);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
encode_tile (cairo_surface_t *block,
             int              offset_x,
             int              offset_y)
{
  cairo_surface_t *tile = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WM_TILE_SIZE, WM_TILE_SIZE);
  cairo_t *cr = cairo_create (tile);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_surface (cr, block, -offset_x, -offset_y);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (tile, append_png, png);
  cairo_surface_destroy (tile);
  return g_byte_array_free_to_bytes (png);
}

static gboolean
write_metadata (WmMbtilesWriter  *writer,
                const double     *bounds,
                int               min_zoom,
                int               max_zoom,
                const char       *name,
                GError          **error)
{
  g_autofree char *b = g_strdup_printf ("%.6f,%.6f,%.6f,%.6f", bounds[0], bounds[1], bounds[2], bounds[3]);
  g_autofree char *c = g_strdup_printf ("%.6f,%.6f,%d", (bounds[0] + bounds[2]) / 2,
                                        (bounds[1] + bounds[3]) / 2, MIN (max_zoom, MAX (min_zoom, 14)));
  g_autofree char *minz = g_strdup_printf ("%d", min_zoom);
  g_autofree char *maxz = g_strdup_printf ("%d", max_zoom);
  const char *pairs[][2] = {
    { "name", name },
    { "format", "png" },
    { "type", "baselayer" },
    { "version", "1" },
    { "description", "Rendered by WelfareMap " PACKAGE_VERSION " from OpenStreetMap data" },
    { "attribution", "© OpenStreetMap contributors" },
    { "bounds", b },
    { "center", c },
    { "minzoom", minz },
    { "maxzoom", maxz },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (pairs); i++)
    if (!wm_mbtiles_writer_set_metadata (writer, pairs[i][0], pairs[i][1], error))
      return FALSE;
  return TRUE;
}

/**
 * wm_basemap_write_mbtiles:
 * @bounds: (nullable): west, south, east, north in degrees; %NULL for the
 *   extent of the data, with WM_BASEMAP_PAD_TILES more at every zoom
 *
 * Renders every tile from @min_zoom to @max_zoom over @bounds into the
 * MBTiles file @path, replacing it only when complete.
 */
gboolean
wm_basemap_write_mbtiles (WmBasemap          *self,
                          const char         *path,
                          int                 min_zoom,
                          int                 max_zoom,
                          const double       *bounds,
                          const char         *name,
                          WmBasemapProgress   progress,
                          gpointer            user_data,
                          GCancellable       *cancellable,
                          GError            **error)
{
  g_autoptr(WmMbtilesWriter) writer = NULL;
  double data_bounds[4];
  guint total, done = 0;
  int pad = 0;

  g_return_val_if_fail (WM_IS_BASEMAP (self), FALSE);

  if (min_zoom < 0 || max_zoom > 20 || min_zoom > max_zoom)
    {
      g_set_error (error, WM_BASEMAP_ERROR, WM_BASEMAP_ERROR_ZOOM,
                   _("zoom levels %d–%d are not a valid range — use levels between 0 and 20, "
                     "the first not above the last"), min_zoom, max_zoom);
      return FALSE;
    }
  if (bounds == NULL)
    {
      if (!wm_basemap_get_bounds (self, &data_bounds[0], &data_bounds[1], &data_bounds[2], &data_bounds[3]))
        {
          g_set_error_literal (error, WM_BASEMAP_ERROR, WM_BASEMAP_ERROR_NO_FEATURES,
                               _("no features to draw — give at least one source layer"));
          return FALSE;
        }
      bounds = data_bounds;
      /* Plain ground around the data, so that panning past its edge or a
       * wide window shows land rather than an empty map. */
      pad = WM_BASEMAP_PAD_TILES;
    }
  total = wm_basemap_count_tiles (bounds, min_zoom, max_zoom, pad);
  if (total > WM_BASEMAP_MAX_TILES)
    {
      g_set_error (error, WM_BASEMAP_ERROR, WM_BASEMAP_ERROR_TOO_MANY_TILES,
                   _("%u tiles would be rendered (at most %u) — choose a smaller area or a lower maximum zoom"),
                   total, WM_BASEMAP_MAX_TILES);
      return FALSE;
    }

  writer = wm_mbtiles_writer_new (path, error);
  if (writer == NULL || !write_metadata (writer, bounds, min_zoom, max_zoom, name, error))
    return FALSE;

  for (int z = min_zoom; z <= max_zoom; z++)
    {
      int x0, y0, x1, y1;

      tile_range (bounds, z, pad, &x0, &y0, &x1, &y1);
      for (int by = y0; by <= y1; by += METATILE)
        for (int bx = x0; bx <= x1; bx += METATILE)
          {
            int nx = MIN (METATILE, x1 - bx + 1), ny = MIN (METATILE, y1 - by + 1);
            int w = nx * WM_TILE_SIZE + 2 * BUFFER, h = ny * WM_TILE_SIZE + 2 * BUFFER;
            cairo_surface_t *block = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
            cairo_t *cr = cairo_create (block);
            gboolean ok = TRUE;

            if (g_cancellable_set_error_if_cancelled (cancellable, error))
              ok = FALSE;
            else
              wm_basemap_draw (self->features, cr, z, bx * WM_TILE_SIZE - BUFFER,
                               by * WM_TILE_SIZE - BUFFER, w, h, BUFFER);
            cairo_destroy (cr);

            for (int j = 0; ok && j < ny; j++)
              for (int i = 0; ok && i < nx; i++)
                {
                  g_autoptr(GBytes) png = encode_tile (block, BUFFER + i * WM_TILE_SIZE,
                                                       BUFFER + j * WM_TILE_SIZE);

                  ok = wm_mbtiles_writer_put_tile (writer, z, bx + i, by + j, png, error);
                  done++;
                }
            cairo_surface_destroy (block);
            if (!ok)
              return FALSE;
            if (progress != NULL)
              progress (done, total, user_data);
          }
    }
  return wm_mbtiles_writer_commit (writer, error);
}
