/* test-atlas.c — neighbourhood atlas sheets, read back as a reader reads them
 *
 * The atlas of Milano's 88 NIL (real polygons and names, a generated
 * population) is written once; poppler-utils read it back: pages counted
 * by pdfinfo, text and word boxes from pdftotext, pixels from pdftoppm.
 * Oracles are independent of the atlas: values from the indicator table
 * (formatted as sheets format them), colours from the legend model blended
 * as the painter blends, the disclosure rule recomputed from the table's
 * counts.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>

#include "wm-atlas-private.h"
#include "wm-service-sites.h"
#include "wm-test-atlas-data.h"
#include "wm-test-pdf.h"
#include "wm-test-util.h"

#define OPACITY 0.75

typedef struct {
  sqlite3 *db;
  WmMapModel *model;
  WmAtlas *atlas;
  char *dir;
  char *pdf;
  GPtrArray *words;     /* WmTestPage per page of pdf */
} Milano;

static Milano milano;

static WmAtlas *
make_atlas (const WmAtlasOptions *options)
{
  g_autoptr(GError) error = NULL;
  WmAtlas *atlas = wm_atlas_new (milano.model, milano.db, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (atlas);
  return atlas;
}

static void
milano_setup (void)
{
  g_autofree char *nil = wm_test_shared_path ("milano", "NILZone.EPSG4326.geojson", NULL);
  WmTestAtlasSpec spec = { nil, "ID_NIL", "NIL", "NIL", 8000, 2016, 5, 150, 3 };
  WmAtlasOptions options = { .printed_by = "Analyst" };
  g_autoptr(GError) error = NULL;

  milano.db = wm_test_atlas_extract (&spec);
  milano.model = wm_test_atlas_model (milano.db);
  milano.atlas = make_atlas (&options);
  milano.dir = wm_test_tmpdir ();
  milano.pdf = g_build_filename (milano.dir, "atlas.pdf", NULL);
  g_assert_true (wm_atlas_write_pdf (milano.atlas, milano.pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  milano.words = wm_test_pdf_words (milano.pdf);
}

static int
table_area (guint sheet)
{
  return wm_map_model_table_area (milano.model, wm_atlas_get_sheet_area (milano.atlas, sheet));
}

/* Occurrences of @needle in binary @data. */
static guint
count_in (const char *data,
          gsize       len,
          const char *needle)
{
  gsize n = strlen (needle);
  guint count = 0;

  for (gsize i = 0; i + n <= len; i++)
    count += memcmp (data + i, needle, n) == 0;
  return count;
}

/* One page per area, plus the cover and the index (88 names fit on one
 * index page); the metadata; a bookmark, a destination and an index link
 * per area. */
static void
test_pages (void)
{
  g_autofree char *info = wm_test_pdf_info (milano.pdf);
  g_autofree char *title = wm_test_pdf_field (info, "Title");
  g_autofree char *author = wm_test_pdf_field (info, "Author");
  g_autofree char *subject = wm_test_pdf_field (info, "Subject");
  g_autofree char *creator = wm_test_pdf_field (info, "Creator");
  g_autofree char *size = wm_test_pdf_field (info, "Page size");
  g_autofree char *raw = NULL;
  gsize len;
  guint links;

  g_assert_cmpuint (wm_atlas_get_n_sheets (milano.atlas), ==, 88);
  g_assert_cmpuint (wm_test_pdf_n_pages (milano.pdf), ==, 88 + 2);
  g_assert_cmpuint (milano.words->len, ==, 90);
  g_assert_nonnull (strstr (title, "Testville"));
  g_assert_nonnull (strstr (title, "2020"));
  g_assert_cmpstr (author, ==, "Analyst");
  g_assert_nonnull (strstr (subject, "88 areas"));
  g_assert_true (g_str_has_prefix (creator, "WelfareMap"));
  g_assert_nonnull (strstr (size, "(A4)"));

  /* The raw file: cairo writes annotations and the outline uncompressed. */
  g_assert_true (g_file_get_contents (milano.pdf, &raw, &len, NULL));
  links = count_in (raw, len, "/Subtype /Link");
  g_assert_cmpuint (links, ==, 88);
  g_assert_cmpuint (count_in (raw, len, "/Count 90"), ==, 1);
  {
    const char *argv[] = { "pdfinfo", "-dests", milano.pdf, NULL };
    g_autofree char *dests = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &dests, NULL, NULL, NULL));
    g_assert_nonnull (strstr (dests, "\"sheet-1\""));
    g_assert_true (g_regex_match_simple ("^\\s*90 .*\"sheet-88\"", dests, G_REGEX_MULTILINE, 0));
  }
}

/* Each sheet says its area's name and the values the engine computed for
 * it, formatted as the sheets format them. */
static void
test_values (void)
{
  WmIndicatorTable *table = wm_map_model_get_table (milano.model);
  WmAreaGeometry *geometry = wm_map_model_get_geometry (milano.model);
  int year = wm_atlas_get_year (milano.atlas);
  guint n_ids;
  const WmIndicatorId *ids = wm_atlas_get_indicators (milano.atlas, &n_ids);

  g_assert_cmpint (year, ==, 2020);
  g_assert_cmpuint (n_ids, ==, 8);
  g_assert_cmpint (ids[0], ==, WM_INDICATOR_IVSM);
  for (guint s = 0; s < wm_atlas_get_n_sheets (milano.atlas); s++)
    {
      guint page = wm_atlas_get_sheet_page (milano.atlas, s) + 1;
      g_autofree char *text = wm_test_pdf_text (milano.pdf, page, FALSE);
      g_autofree char *flat = wm_test_squash (text);
      g_autofree char *name = wm_test_squash (wm_area_geometry_get_name (geometry, wm_atlas_get_sheet_area (milano.atlas, s)));

      g_assert_nonnull (strstr (flat, name));
      for (guint i = 0; i < n_ids; i++)
        {
          double v = wm_indicator_table_get_value (table, ids[i], year, table_area (s));
          g_autofree char *want = wm_atlas_format_value (ids[i], v);
          g_autofree char *town = wm_atlas_format_value (ids[i], wm_indicator_table_get_municipality_value (table, ids[i], year));

          if (isnan (v))
            continue;
          if (strstr (flat, want) == NULL || strstr (flat, town) == NULL)
            g_error ("page %u (%s) lacks %s or %s for %s:\n%s", page, name, want, town,
                     wm_indicator_def_get (ids[i])->id, flat);
        }
    }
}

/* No word of any page leaves the page, nor even its margins, and no two
 * words of a page overlap. */
static void
check_word_boxes (GPtrArray *pages)
{
  const double tolerance = 0.5;

  for (guint p = 0; p < pages->len; p++)
    {
      WmTestPage *page = g_ptr_array_index (pages, p);

      g_assert_cmpuint (page->words->len, >, 10);
      for (guint i = 0; i < page->words->len; i++)
        {
          WmTestWord *w = &g_array_index (page->words, WmTestWord, i);

          if (w->x0 < 28 - tolerance || w->y0 < 28 - tolerance ||
              w->x1 > page->width - 28 + tolerance || w->y1 > page->height - 28 + tolerance)
            g_error ("page %u: “%s” at (%.1f, %.1f)–(%.1f, %.1f) is outside the margins", p + 1, w->text,
                     w->x0, w->y0, w->x1, w->y1);
          for (guint j = i + 1; j < page->words->len; j++)
            {
              WmTestWord *o = &g_array_index (page->words, WmTestWord, j);
              double dx = MIN (w->x1, o->x1) - MAX (w->x0, o->x0), dy = MIN (w->y1, o->y1) - MAX (w->y0, o->y0);

              if (dx > tolerance && dy > tolerance)
                g_error ("page %u: “%s” (%.1f, %.1f)–(%.1f, %.1f) overlaps “%s” (%.1f, %.1f)–(%.1f, %.1f)", p + 1,
                         w->text, w->x0, w->y0, w->x1, w->y1, o->text, o->x0, o->y0, o->x1, o->y1);
            }
        }
    }
}

static void
test_word_boxes (void)
{
  check_word_boxes (milano.words);
}

static guint32
blend (guint32 fill,
       guint32 ground,
       double  alpha)
{
  guint32 out = 0;

  for (int shift = 0; shift <= 16; shift += 8)
    {
      double c = ((fill >> shift) & 0xff) * alpha + ((ground >> shift) & 0xff) * (1 - alpha);

      out |= (guint32) lround (c) << shift;
    }
  return out;
}

static gboolean
close_colour (guint32 a,
              guint32 b,
              int     tolerance)
{
  for (int shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

/* No service marker within @radius points of (x, y) on the sheet. */
static gboolean
clear_of_markers (guint  sheet,
                  double x,
                  double y,
                  double radius)
{
  g_autoptr(WmServiceSites) sites = wm_service_sites_load (milano.db, NULL);

  for (guint i = 0; i < wm_service_sites_get_n (sites); i++)
    {
      const WmServiceSite *site = wm_service_sites_get (sites, i);
      double sx, sy;

      wm_atlas_lonlat_to_page (milano.atlas, sheet, site->lon, site->lat, &sx, &sy);
      if (hypot (sx - x, sy - y) < radius)
        return FALSE;
    }
  return TRUE;
}

/* Rendered, a sheet shows its area in the legend colour of its class,
 * painted at the map's opacity on white (there is no basemap), and its
 * neighbours under a white veil. */
static void
test_colours (void)
{
  WmClassification *classes = wm_atlas_get_classification (milano.atlas);
  WmAreaGeometry *geometry = wm_map_model_get_geometry (milano.model);
  const double dpi = 72;
  guint checked = 0, veiled = 0;

  for (guint s = 0; s < wm_atlas_get_n_sheets (milano.atlas) && checked < 4; s++)
    {
      guint area = wm_atlas_get_sheet_area (milano.atlas, s);
      cairo_surface_t *image;
      WmSwatch swatch;
      double lon, lat, x, y;
      guint32 got, want;

      wm_area_geometry_get_interior_point (geometry, area, &lon, &lat);
      g_assert_true (wm_atlas_lonlat_to_page (milano.atlas, s, lon, lat, &x, &y));
      if (!clear_of_markers (s, x, y, 10) ||
          !wm_classification_get_swatch (classes, wm_classification_get_area_class (classes, area), &swatch) ||
          swatch.hatched)
        continue;
      image = wm_test_pdf_render (milano.pdf, wm_atlas_get_sheet_page (milano.atlas, s) + 1, dpi);
      got = wm_test_pixel (image, (int) (x * dpi / 72), (int) (y * dpi / 72));
      want = blend (swatch.fill, 0xffffff, OPACITY);
      g_test_message ("sheet %u: #%06x, legend #%06x blended #%06x", s + 1, got, swatch.fill, want);
      g_assert_true (close_colour (got, want, 3));
      checked++;

      /* a neighbour: its class colour, veiled */
      for (guint other = 0; other < wm_area_geometry_get_n_areas (geometry); other++)
        {
          WmSwatch theirs;
          double ox, oy;

          if (other == area)
            continue;
          wm_area_geometry_get_interior_point (geometry, other, &lon, &lat);
          if (!wm_atlas_lonlat_to_page (milano.atlas, s, lon, lat, &ox, &oy) || !clear_of_markers (s, ox, oy, 10) ||
              !wm_classification_get_swatch (classes, wm_classification_get_area_class (classes, other), &theirs) ||
              theirs.hatched)
            continue;
          got = wm_test_pixel (image, (int) (ox * dpi / 72), (int) (oy * dpi / 72));
          want = blend (0xffffff, blend (theirs.fill, 0xffffff, OPACITY), 0.55);
          g_assert_true (close_colour (got, want, 3));
          veiled++;
          break;
        }
      cairo_surface_destroy (image);
    }
  g_assert_cmpuint (checked, ==, 4);
  g_assert_cmpuint (veiled, >, 0);
}

/* Words above the subtitle: the title. */
static void
check_title (const char *pdf,
             WmAtlas    *atlas,
             guint       sheet,
             const char *name)
{
  g_autoptr(GPtrArray) pages = wm_test_pdf_words (pdf);
  WmTestPage *page = g_ptr_array_index (pages, wm_atlas_get_sheet_page (atlas, sheet));
  WmChartBox title, sub, map;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *want = NULL;
  double bottom = 0;
  const double tolerance = 0.5;

  wm_atlas_get_sheet_box (atlas, WM_ATLAS_BOX_TITLE, &title);
  wm_atlas_get_sheet_box (atlas, WM_ATLAS_BOX_SUBTITLE, &sub);
  wm_atlas_get_sheet_box (atlas, WM_ATLAS_BOX_MAP, &map);
  for (guint i = 0; i < page->words->len; i++)
    {
      WmTestWord *w = &g_array_index (page->words, WmTestWord, i);

      if (w->y0 >= sub.y - tolerance)
        continue;
      g_string_append (text, w->text);
      bottom = MAX (bottom, w->y1);
      if (w->x0 < title.x - tolerance || w->y0 < title.y - tolerance ||
          w->x1 > title.x + title.width + tolerance || w->y1 > title.y + title.height + tolerance)
        g_error ("“%s” (%.1f, %.1f)–(%.1f, %.1f) leaves the title box (%.1f, %.1f)–(%.1f, %.1f)", w->text,
                 w->x0, w->y0, w->x1, w->y1, title.x, title.y, title.x + title.width, title.y + title.height);
    }
  /* every character of the name, in order, and nothing else (line
   * breaks aside) */
  want = g_strdelimit (g_strdup (name), " ", '\x01');
  {
    g_autoptr(GString) plain = g_string_new (NULL);

    for (const char *c = want; *c != '\0'; c++)
      if (*c != '\x01')
        g_string_append_c (plain, *c);
    g_assert_cmpstr (text->str, ==, plain->str);
  }
  for (guint i = 0; i < page->words->len; i++)
    {
      WmTestWord *w = &g_array_index (page->words, WmTestWord, i);

      if (w->y0 >= sub.y - tolerance)
        g_assert_cmpfloat (w->y0, >=, bottom - tolerance);
    }
  g_assert_cmpfloat (bottom, <=, map.y);
}

/* The longest NIL name, a made-up longer one and one long word: on A4
 * both ways and on A3, every title stays whole inside its box, above the
 * subtitle, and no word of these atlases leaves the margins or overlaps
 * another. */
static void
test_long_names (void)
{
  static const char *names[] = {
    "Quartiere Parco Monluè – Ponte Lambro – Cascina Monluè – Forlanini – Ortica – Rogoredo – Santa Giulia "
    "– Nosedo – Triulzo Superiore – Chiaravalle",
    "Parcomonluèpontelambrocascinamonlueforlaniniorticarogoredosantagiulianosedo",
  };
  static const struct { WmAtlasPaper paper; gboolean landscape; } pages[] = {
    { WM_ATLAS_PAPER_A4, FALSE }, { WM_ATLAS_PAPER_A4, TRUE }, { WM_ATLAS_PAPER_A3, FALSE },
  };
  WmAreaGeometry *geometry = wm_map_model_get_geometry (milano.model);
  const char *longest = NULL;
  sqlite3 *db = NULL;
  g_autoptr(WmMapModel) model = NULL;
  g_autofree char *nil = wm_test_shared_path ("milano", "NILZone.EPSG4326.geojson", NULL);
  WmTestAtlasSpec spec = { nil, "ID_NIL", "NIL", "NIL", 3000, 2019, 2, 20, 9 };
  const char *codes[4] = { NULL };

  for (guint a = 0; a < wm_area_geometry_get_n_areas (geometry); a++)
    if (longest == NULL || g_utf8_strlen (wm_area_geometry_get_name (geometry, a), -1) > g_utf8_strlen (longest, -1))
      longest = wm_area_geometry_get_name (geometry, a);
  g_assert_cmpstr (longest, ==, "PARCO MONLUE' - PONTE LAMBRO");

  db = wm_test_atlas_extract (&spec);
  sqlite3_exec (db, "UPDATE area SET name = 'Quartiere Parco Monluè – Ponte Lambro – Cascina Monluè – Forlanini – "
                    "Ortica – Rogoredo – Santa Giulia – Nosedo – Triulzo Superiore – Chiaravalle' "
                    "WHERE layer_id = 1 AND code = '1';"
                    "UPDATE area SET name = 'Parcomonluèpontelambrocascinamonlueforlaniniorticarogoredosantagiulianosedo' "
                    "WHERE layer_id = 1 AND code = '2';", NULL, NULL, NULL);
  model = wm_test_atlas_model (db);
  codes[0] = "31";      /* PARCO MONLUE' - PONTE LAMBRO */
  codes[1] = "1";
  codes[2] = "2";
  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    {
      WmAtlasOptions options = { .paper = pages[p].paper, .landscape = pages[p].landscape, .areas = codes };
      g_autoptr(GError) error = NULL;
      g_autoptr(WmAtlas) atlas = wm_atlas_new (model, db, &options, &error);
      g_autofree char *dir = wm_test_tmpdir ();
      g_autofree char *pdf = g_build_filename (dir, "names.pdf", NULL);

      g_assert_no_error (error);
      g_assert_true (wm_atlas_write_pdf (atlas, pdf, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      check_title (pdf, atlas, 0, longest);
      check_title (pdf, atlas, 1, names[0]);
      check_title (pdf, atlas, 2, names[1]);
      {
        g_autoptr(GPtrArray) words = wm_test_pdf_words (pdf);

        /* margins scale with the page: A3's are √2 × 28 pt, still ≥ 28 */
        check_word_boxes (words);
      }
      wm_test_rmdir (dir);
    }
  g_clear_object (&model);
  sqlite3_close (db);
}

/* The rule of wm-atlas.h, recomputed: a value is hidden when its group
 * has fewer than 20 members or 1 or 2 are counted. */
static gboolean
oracle_hidden (WmIndicatorTable *table,
               WmIndicatorId     id,
               int               year,
               int               area)
{
  guint64 num, den;

  if (id == WM_INDICATOR_IVSM)
    {
      for (WmIndicatorId c = 0; c < WM_IVSM_N_COMPONENTS; c++)
        if (oracle_hidden (table, c, year, area))
          return TRUE;
      return FALSE;
    }
  g_assert_true (wm_indicator_table_get_counts (table, id, year, area, &num, &den));
  return den > 0 && (den < 20 || num == 1 || num == 2);
}

/* The table row of an indicator in `pdftotext -layout` output. */
static char *
row_of (const char *text,
        const char *label)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (char **l = lines; *l != NULL; l++)
    if (g_str_has_prefix (g_strchug (*l), label))
      return g_strdup (*l);
  return NULL;
}

/* With disclosure control, small groups print as n.d. (with the footnote)
 * and every other value as before. */
static void
test_disclosure (void)
{
  WmAtlasOptions options = { .printed_by = "Analyst", .disclosure_control = TRUE };
  g_autoptr(WmAtlas) atlas = make_atlas (&options);
  g_autofree char *pdf = g_build_filename (milano.dir, "protected.pdf", NULL);
  WmIndicatorTable *table = wm_map_model_get_table (milano.model);
  g_autoptr(GError) error = NULL;
  guint hidden = 0, shown = 0;

  g_assert_true (wm_atlas_write_pdf (atlas, pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint s = 0; s < wm_atlas_get_n_sheets (atlas) && (hidden < 5 || shown < 5); s++)
    {
      int t = table_area (s);
      guint page = wm_atlas_get_sheet_page (atlas, s) + 1;
      g_autofree char *text = wm_test_pdf_text (pdf, page, TRUE);
      g_autofree char *flat = wm_test_squash (text);
      gboolean any = FALSE;

      for (WmIndicatorId c = 0; c < WM_IVSM_N_COMPONENTS; c++)
        {
          const char *label = wm_indicator_def_get_label (wm_indicator_def_get (c));
          double v = wm_indicator_table_get_value (table, c, 2020, t);
          g_autofree char *value = wm_atlas_format_value (c, v);
          g_autofree char *row = row_of (text, label);
          g_auto(GStrv) cells = NULL;

          g_assert_nonnull (row);
          cells = g_regex_split_simple ("\\s{2,}", row, 0, 0);
          /* label, area, municipality, rank, change */
          g_assert_cmpuint (g_strv_length (cells), >=, 5);
          if (oracle_hidden (table, c, 2020, t))
            {
              g_assert_cmpstr (cells[1], ==, "n.d.");
              g_assert_cmpstr (cells[3], ==, "n.d.");
              hidden++;
              any = TRUE;
            }
          else
            {
              g_assert_cmpstr (cells[1], ==, value);
              shown++;
            }
          /* the change since the first year needs both years' values */
          if (oracle_hidden (table, c, 2016, t) || oracle_hidden (table, c, 2020, t))
            {
              g_assert_cmpstr (cells[4], ==, "n.d.");
              any = TRUE;
            }
        }
      g_assert_true (any == (strstr (flat, "not shown to protect privacy") != NULL));
    }
  g_assert_cmpuint (hidden, >=, 5);
  g_assert_cmpuint (shown, >=, 5);
}

/* The map's own rule for analysts (the model's minimum denominator) is
 * never printed away: the atlas hides at least what the map hides, even
 * when its options do not ask for disclosure control. */
static void
test_model_rule (void)
{
  WmAtlasOptions options = { 0 };
  WmIndicatorTable *table = wm_map_model_get_table (milano.model);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmAtlas) open_atlas = NULL, strict_atlas = NULL;
  guint hidden = 0;

  open_atlas = wm_atlas_new (milano.model, milano.db, &options, &error);
  wm_map_model_set_min_denominator (milano.model, 40);
  strict_atlas = wm_atlas_new (milano.model, milano.db, &options, &error);
  g_assert_no_error (error);
  for (guint a = 0; a < wm_indicator_table_get_n_areas (table); a++)
    for (WmIndicatorId c = 0; c < WM_IVSM_N_COMPONENTS; c++)
      {
        guint64 num, den;
        WmAtlasCell open_cell = wm_atlas_cell (open_atlas, c, 4, a), strict = wm_atlas_cell (strict_atlas, c, 4, a);

        g_assert_true (wm_indicator_table_get_counts (table, c, 2020, a, &num, &den));
        /* without the model's rule, nothing is hidden */
        g_assert_cmpint (open_cell.state, !=, WM_ATLAS_CELL_HIDDEN);
        if (den > 0 && (den < 40 || num == 1 || num == 2))
          {
            g_assert_cmpint (strict.state, ==, WM_ATLAS_CELL_HIDDEN);
            hidden++;
          }
        else
          g_assert_cmpint (strict.state, ==, open_cell.state);
      }
  g_assert_cmpuint (hidden, >, 0);
  wm_map_model_set_min_denominator (milano.model, 0);
}

/* The default layer is the coarsest with boundaries of two areas or more. */
static void
test_default_layer (void)
{
  WmAreaLayer *layer = wm_map_model_get_layer (milano.model, wm_atlas_default_layer (milano.model, milano.db));

  /* the districts are coarser but have no boundaries here */
  g_assert_cmpstr (wm_area_layer_get_code (layer), ==, "sections");
  sqlite3_exec (milano.db, "UPDATE area SET geom = (SELECT geom FROM area WHERE id = 1) WHERE layer_id = 2", NULL, NULL, NULL);
  layer = wm_map_model_get_layer (milano.model, wm_atlas_default_layer (milano.model, milano.db));
  g_assert_cmpstr (wm_area_layer_get_code (layer), ==, "districts");
  sqlite3_exec (milano.db, "UPDATE area SET geom = NULL WHERE layer_id = 2", NULL, NULL, NULL);
}

/* A page as PNG: the page's size at the resolution asked, and the same
 * colours as the PDF rendered. */
static void
test_png (void)
{
  g_autofree char *png = g_build_filename (milano.dir, "page.png", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image, *pdf;
  double lon, lat, x, y;

  g_assert_true (wm_atlas_write_png (milano.atlas, wm_atlas_get_sheet_page (milano.atlas, 0), png, 72, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 596);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 842);
  pdf = wm_test_pdf_render (milano.pdf, wm_atlas_get_sheet_page (milano.atlas, 0) + 1, 72);
  wm_area_geometry_get_interior_point (wm_map_model_get_geometry (milano.model),
                                       wm_atlas_get_sheet_area (milano.atlas, 0), &lon, &lat);
  g_assert_true (wm_atlas_lonlat_to_page (milano.atlas, 0, lon, lat, &x, &y));
  g_assert_true (close_colour (wm_test_pixel (image, (int) x, (int) y), wm_test_pixel (pdf, (int) x, (int) y), 3));
  cairo_surface_destroy (image);
  cairo_surface_destroy (pdf);
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  milano_setup ();

  g_test_add_func ("/atlas/pages", test_pages);
  g_test_add_func ("/atlas/values", test_values);
  g_test_add_func ("/atlas/word-boxes", test_word_boxes);
  g_test_add_func ("/atlas/colours", test_colours);
  g_test_add_func ("/atlas/long-names", test_long_names);
  g_test_add_func ("/atlas/disclosure", test_disclosure);
  g_test_add_func ("/atlas/model-rule", test_model_rule);
  g_test_add_func ("/atlas/default-layer", test_default_layer);
  g_test_add_func ("/atlas/png", test_png);

  rc = g_test_run ();
  g_ptr_array_unref (milano.words);
  g_object_unref (milano.atlas);
  g_object_unref (milano.model);
  sqlite3_close (milano.db);
  wm_test_rmdir (milano.dir);
  g_free (milano.dir);
  g_free (milano.pdf);
  return rc;
}
