/* wm-population-load.c — reading an extract database into typed columns
 *
 * Every table is read once, in primary-key order where that helps, and
 * turned into the compact per-row columns of wm-population-private.h. Each
 * rule of the schema the engine relies on is checked here, so a damaged or
 * hand-edited database gives an error naming the table and row instead of
 * wrong indicators.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "wm-area-layer-private.h"
#include "wm-population-load.h"
#include "wm-population-private.h"
#include "wm-schema.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define NONE G_MAXUINT32
#define UNSET_AREA G_MAXUINT16

/* id → dense index: a direct table when ids are dense (the importer's
 * INTEGER PRIMARY KEYs are), else binary search over the sorted ids. */
typedef struct {
  GArray *ids;            /* gint64, ascending */
  gint64 base;
  guint32 *direct;
  gsize direct_len;
} IdMap;

typedef struct {
  gint64 rowid;
  guint32 person;
  guint32 family;
  guint32 dwelling;       /* rank: dwellings ordered by section */
  guint8 relation;
  guint8 y0;
  guint8 y1;
} Row;

typedef struct {
  guint32 key;
  guint16 bits;
  gint32 isee_cents;
} FlagEntry;

typedef struct {
  sqlite3 *db;
  WmPopulation *pop;
  GCancellable *cancellable;
  GHashTable *home_care;
  int first;
  int ny;

  IdMap persons;
  IdMap families;
  guint8 *family_communal; /* per family */
  IdMap dwellings;

  gint32 *birth_year;     /* per person */
  guint8 *person_attrs;
  int *death_offset;      /* year of death − first, or G_MAXINT */
  guint32 *person_cond;   /* n_cond_words per person */

  guint32 *dwelling_rank; /* id order → section order */

  GArray *rows;           /* Row */
  guint32 *family_rank;   /* id order → run order, NONE if never resident */
  guint32 *person_first;  /* person → its rows in run order (CSR) */
  guint32 *person_rows;

  GArray **person_flags;  /* per year, FlagEntry */
  GArray **family_flags;
} Loader;

static void
id_map_clear (IdMap *map)
{
  g_clear_pointer (&map->ids, g_array_unref);
  g_clear_pointer (&map->direct, g_free);
}

static void
id_map_finish (IdMap *map)
{
  guint n = map->ids->len;
  gint64 span;

  if (n == 0)
    return;
  map->base = g_array_index (map->ids, gint64, 0);
  span = g_array_index (map->ids, gint64, n - 1) - map->base + 1;
  if (span > (gint64) n * 4 + 1024)
    return;
  map->direct_len = span;
  map->direct = g_new (guint32, span);
  memset (map->direct, 0xff, span * sizeof (guint32));
  for (guint i = 0; i < n; i++)
    map->direct[g_array_index (map->ids, gint64, i) - map->base] = i;
}

static guint32
id_map_find (const IdMap *map,
             gint64       id)
{
  const gint64 *ids = (const gint64 *) map->ids->data;
  guint lo = 0, hi = map->ids->len;

  if (map->direct != NULL)
    {
      if (id < map->base || id - map->base >= (gint64) map->direct_len)
        return NONE;
      return map->direct[id - map->base];
    }
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (ids[mid] < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < map->ids->len && ids[lo] == id ? lo : NONE;
}

static gboolean
data_error (GError    **error,
            const char *table,
            const char *where,
            const char *reason)
{
  g_set_error (error, WM_POPULATION_ERROR, WM_POPULATION_ERROR_DATA,
               _("table %s, %s: %s — the extract is inconsistent; rebuild it with the importer "
                 "or ask the data office for a new one"),
               table, where, reason);
  return FALSE;
}

static gboolean
row_error (GError    **error,
           const char *table,
           gint64      rowid,
           const char *reason)
{
  g_autofree char *where = g_strdup_printf (_("row %" PRId64), rowid);

  return data_error (error, table, where, reason);
}

static gboolean
sql_error (Loader     *L,
           GError    **error,
           const char *table)
{
  g_set_error (error, WM_POPULATION_ERROR, WM_POPULATION_ERROR_SQL,
               _("could not read table %s: %s — the extract may be damaged or from another program"),
               table, sqlite3_errmsg (L->db));
  return FALSE;
}

static sqlite3_stmt *
prepare (Loader     *L,
         const char *table,
         const char *sql,
         GError    **error)
{
  sqlite3_stmt *stmt = NULL;

  if (g_cancellable_set_error_if_cancelled (L->cancellable, error))
    return NULL;
  if (sqlite3_prepare_v2 (L->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sql_error (L, error, table);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

/* Steps @stmt; FALSE at the end or on error (then @error is set). */
static gboolean
next_row (Loader       *L,
          sqlite3_stmt *stmt,
          const char   *table,
          guint64      *count,
          gboolean     *failed,
          GError      **error)
{
  int rc;

  if ((++*count & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (L->cancellable, error))
    {
      *failed = TRUE;
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      *failed = TRUE;
      sql_error (L, error, table);
    }
  return FALSE;
}

/* 'YYYY-MM-DD', a real calendar date; *jan1 tells 1 January. */
static gboolean
parse_date (const unsigned char *text,
            int                 *year,
            gboolean            *jan1)
{
  int y, m, d;

  if (text == NULL || strlen ((const char *) text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  m = (text[5] - '0') * 10 + (text[6] - '0');
  d = (text[8] - '0') * 10 + (text[9] - '0');
  if (y < 1 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  *year = y;
  if (jan1 != NULL)
    *jan1 = m == 1 && d == 1;
  return TRUE;
}

static gboolean
date_column (sqlite3_stmt *stmt,
             int           col,
             gboolean      nullable,
             int          *year,
             gboolean     *jan1,
             gboolean     *is_null)
{
  *is_null = sqlite3_column_type (stmt, col) == SQLITE_NULL;
  if (*is_null)
    return nullable;
  return parse_date (sqlite3_column_text (stmt, col), year, jan1);
}

static char *
bad_date (sqlite3_stmt *stmt,
          int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return g_strdup_printf (_("%s “%s” is not a date written YYYY-MM-DD"),
                          sqlite3_column_name (stmt, col), text != NULL ? text : "NULL");
}

/* An interval's start (NOT NULL) and end (NULL = still open) at columns
 * @col and @col + 1; on a bad date, *reason says which and why. */
static gboolean
interval_columns (sqlite3_stmt  *stmt,
                  int            col,
                  int           *start,
                  int           *end,
                  gboolean      *open,
                  gboolean      *end_jan1,
                  char         **reason)
{
  gboolean is_null;

  if (!date_column (stmt, col, FALSE, start, NULL, &is_null))
    {
      *reason = bad_date (stmt, col);
      return FALSE;
    }
  if (!date_column (stmt, col + 1, TRUE, end, end_jan1, open))
    {
      *reason = bad_date (stmt, col + 1);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_meta (Loader  *L,
           GError **error)
{
  g_autofree char *first = wm_schema_meta_get (L->db, "first_year");
  g_autofree char *last = wm_schema_meta_get (L->db, "last_year");
  gint64 f, l;

  if (first == NULL || last == NULL ||
      !g_ascii_string_to_signed (first, 10, 1000, 9999, &f, NULL) ||
      !g_ascii_string_to_signed (last, 10, 1000, 9999, &l, NULL) || l < f)
    {
      g_set_error_literal (error, WM_POPULATION_ERROR, WM_POPULATION_ERROR_META,
                           _("the extract does not say which years it covers (meta first_year and "
                             "last_year) — rebuild it with the importer"));
      return FALSE;
    }
  if (l - f + 1 > WM_POPULATION_MAX_YEARS)
    {
      g_set_error (error, WM_POPULATION_ERROR, WM_POPULATION_ERROR_META,
                   _("the extract covers %d years (%d–%d); WelfareMap computes indicators over at most %d "
                     "years — build an extract over a shorter period"),
                   (int) (l - f + 1), (int) f, (int) l, WM_POPULATION_MAX_YEARS);
      return FALSE;
    }
  L->first = L->pop->first_year = f;
  L->ny = L->pop->n_years = l - f + 1;
  L->pop->municipality_code = wm_schema_meta_get (L->db, "municipality_code");
  L->pop->municipality_name = wm_schema_meta_get (L->db, "municipality_name");
  L->pop->n_cond_words = (L->ny + WM_COND_YEARS_PER_WORD - 1) / WM_COND_YEARS_PER_WORD;
  return TRUE;
}

static gboolean
read_layers (Loader  *L,
             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) layer_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  WmPopulation *pop = L->pop;
  guint64 count = 0;
  gboolean failed = FALSE;

  stmt = prepare (L, "area_layer",
                  "SELECT id, code, name, level, join_kind FROM area_layer "
                  "ORDER BY code <> 'sections', level, id", error);
  if (stmt == NULL)
    return FALSE;
  while (next_row (L, stmt, "area_layer", &count, &failed, error))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *code = (const char *) sqlite3_column_text (stmt, 1);
      int kind = sqlite3_column_int (stmt, 4);

      if (kind != WM_AREA_JOIN_POINT_IN_POLYGON && kind != WM_AREA_JOIN_SECTION_TABLE)
        return row_error (error, "area_layer", id, _("join_kind must be 1 or 2"));
      if (pop->layers->len == WM_POPULATION_MAX_LAYERS)
        return row_error (error, "area_layer", id, _("the extract has too many boundary layers (32 at most)"));
      g_ptr_array_add (pop->layers,
                       wm_area_layer_new (id, code, (const char *) sqlite3_column_text (stmt, 2),
                                          sqlite3_column_int (stmt, 3), kind));
    }
  if (failed)
    return FALSE;
  if (pop->layers->len == 0 ||
      !g_str_equal (wm_area_layer_get_code (g_ptr_array_index (pop->layers, 0)), "sections"))
    {
      g_set_error_literal (error, WM_POPULATION_ERROR, WM_POPULATION_ERROR_META,
                           _("the extract has no census-section layer (area_layer “sections”) — "
                             "rebuild it with the importer"));
      return FALSE;
    }
  for (guint i = 0; i < pop->layers->len; i++)
    {
      gint64 id = wm_area_layer_get_id (g_ptr_array_index (pop->layers, i));
      g_hash_table_insert (layer_index, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (i + 1));
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = prepare (L, "area",
                  "SELECT id, layer_id, code, name, label_lon, label_lat FROM area ORDER BY layer_id, code",
                  error);
  if (stmt == NULL)
    return FALSE;
  while (next_row (L, stmt, "area", &count, &failed, error))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 layer_id = sqlite3_column_int64 (stmt, 1);
      guint layer = GPOINTER_TO_UINT (g_hash_table_lookup (layer_index, &layer_id));
      WmAreaLayer *al;

      if (layer == 0)
        return row_error (error, "area", id, _("its layer_id is not in area_layer"));
      al = g_ptr_array_index (pop->layers, layer - 1);
      if (wm_area_layer_get_n_areas (al) >= UNSET_AREA - 1)
        return row_error (error, "area", id, _("a boundary layer has more areas than WelfareMap can map (65,533)"));
      wm_area_layer_add_area (al, id, (const char *) sqlite3_column_text (stmt, 2),
                              (const char *) sqlite3_column_text (stmt, 3),
                              sqlite3_column_type (stmt, 4) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 4),
                              sqlite3_column_type (stmt, 5) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 5));
    }
  return !failed;
}

static guint8
surface_class (double m2)
{
  if (m2 < 40)
    return WM_SURFACE_UNDER_40;
  if (m2 < 60)
    return WM_SURFACE_40_TO_60;
  if (m2 < 80)
    return WM_SURFACE_60_TO_80;
  return WM_SURFACE_80_AND_MORE;
}

static int
find_layer (WmPopulation *pop,
            gint64        layer_id)
{
  for (guint i = 0; i < pop->layers->len; i++)
    if (wm_area_layer_get_id (g_ptr_array_index (pop->layers, i)) == layer_id)
      return i;
  return -1;
}

/* Puts dwellings in section order, so that rows sorted by family (families
 * by dwelling) visit areas and dwellings almost sequentially. */
static void
order_dwellings (Loader *L)
{
  WmPopulation *pop = L->pop;
  guint n = pop->n_dwellings;
  guint n_slots = wm_area_layer_get_n_areas (g_ptr_array_index (pop->layers, 0)) + 1;
  g_autofree guint32 *start = g_new0 (guint32, n_slots + 1);
  g_autofree guint8 *surface = pop->surface_class;

  for (guint d = 0; d < n; d++)
    start[pop->dwelling_area[0][d] + 1]++;
  for (guint s = 0; s < n_slots; s++)
    start[s + 1] += start[s];
  /* The population keeps it: a layer added later maps dwellings by id. */
  L->dwelling_rank = pop->dwelling_rank = g_new (guint32, n);
  for (guint d = 0; d < n; d++)
    L->dwelling_rank[d] = start[pop->dwelling_area[0][d]]++;

  pop->surface_class = g_new (guint8, n);
  for (guint d = 0; d < n; d++)
    pop->surface_class[L->dwelling_rank[d]] = surface[d];
  for (guint l = 0; l < pop->layers->len; l++)
    {
      g_autofree guint16 *old = pop->dwelling_area[l];

      pop->dwelling_area[l] = g_new (guint16, n);
      for (guint d = 0; d < n; d++)
        pop->dwelling_area[l][L->dwelling_rank[d]] = old[d];
    }
}

/* A layer whose every section lies in one of its areas is computed by
 * summing section counts; any other is computed from its own dwellings. */
static void
check_nesting (WmPopulation *pop)
{
  guint n_sections = wm_area_layer_get_n_areas (g_ptr_array_index (pop->layers, 0));

  for (guint l = 1; l < pop->layers->len; l++)
    {
      guint n_areas = wm_area_layer_get_n_areas (g_ptr_array_index (pop->layers, l));
      g_autofree guint16 *map = g_new (guint16, n_sections + 1);
      gboolean nested = TRUE;

      for (guint s = 0; s <= n_sections; s++)
        map[s] = UNSET_AREA;
      for (guint d = 0; d < pop->n_dwellings && nested; d++)
        {
          guint16 s = pop->dwelling_area[0][d], a = pop->dwelling_area[l][d];

          if (map[s] == UNSET_AREA)
            map[s] = a;
          else if (map[s] != a)
            nested = FALSE;
        }
      if (!nested)
        continue;
      for (guint s = 0; s <= n_sections; s++)
        if (map[s] == UNSET_AREA)
          map[s] = n_areas;  /* no dwelling: its counts are zero anyway */
      pop->section_area[l] = g_steal_pointer (&map);
    }
}

static gboolean
read_dwellings (Loader  *L,
                GError **error)
{
  WmPopulation *pop = L->pop;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) surface = g_array_new (FALSE, FALSE, 1);
  g_autoptr(GArray) lonlat = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 count = 0;
  gboolean failed = FALSE;

  stmt = prepare (L, "dwelling", "SELECT id, surface_m2, lon, lat FROM dwelling ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  L->dwellings.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (next_row (L, stmt, "dwelling", &count, &failed, error))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      int type = sqlite3_column_type (stmt, 1);
      guint8 cls = WM_SURFACE_UNKNOWN;

      if (type == SQLITE_INTEGER || type == SQLITE_FLOAT)
        {
          double m2 = sqlite3_column_double (stmt, 1);
          if (m2 > 0)
            cls = surface_class (m2);
        }
      else if (type != SQLITE_NULL)
        return row_error (error, "dwelling", id, _("surface_m2 is not a number"));
      for (int c = 2; c <= 3; c++)
        {
          double v = sqlite3_column_double (stmt, c);

          if (sqlite3_column_type (stmt, c) != SQLITE_FLOAT && sqlite3_column_type (stmt, c) != SQLITE_INTEGER)
            return row_error (error, "dwelling", id, c == 2 ? _("lon is not a number") : _("lat is not a number"));
          if (!(fabs (v) <= (c == 2 ? 180 : 90)))
            return row_error (error, "dwelling", id,
                              c == 2 ? _("lon is not a longitude in degrees (−180 to 180)")
                                     : _("lat is not a latitude in degrees (−90 to 90)"));
          g_array_append_val (lonlat, v);
        }
      g_array_append_val (L->dwellings.ids, id);
      g_array_append_val (surface, cls);
    }
  if (failed)
    return FALSE;
  id_map_finish (&L->dwellings);
  pop->n_dwellings = surface->len;
  pop->surface_class = (guint8 *) g_array_free (g_steal_pointer (&surface), FALSE);
  pop->dwelling_lonlat = (double *) g_array_free (g_steal_pointer (&lonlat), FALSE);

  pop->dwelling_area = g_new0 (guint16 *, WM_POPULATION_MAX_LAYERS);
  pop->section_area = g_new0 (guint16 *, WM_POPULATION_MAX_LAYERS);
  for (guint l = 0; l < pop->layers->len; l++)
    {
      guint16 outside = wm_area_layer_get_n_areas (g_ptr_array_index (pop->layers, l));

      pop->dwelling_area[l] = g_new (guint16, MAX (pop->n_dwellings, 1));
      for (guint d = 0; d < pop->n_dwellings; d++)
        pop->dwelling_area[l][d] = outside;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = prepare (L, "dwelling_area", "SELECT layer_id, dwelling_id, area_id FROM dwelling_area", error);
  if (stmt == NULL)
    return FALSE;
  while (next_row (L, stmt, "dwelling_area", &count, &failed, error))
    {
      gint64 layer_id = sqlite3_column_int64 (stmt, 0);
      gint64 dwelling_id = sqlite3_column_int64 (stmt, 1);
      gint64 area_id = sqlite3_column_int64 (stmt, 2);
      int layer = find_layer (pop, layer_id);
      guint32 d = id_map_find (&L->dwellings, dwelling_id);
      const char *reason = NULL;
      int area = -1;

      if (layer < 0)
        reason = _("the layer is not in area_layer");
      else if (d == NONE)
        reason = _("the dwelling is not in the dwelling table");
      else if ((area = wm_area_layer_find_area_id (g_ptr_array_index (pop->layers, layer), area_id)) < 0)
        reason = _("its area is not an area of that layer");
      if (reason != NULL)
        {
          g_autofree char *where = g_strdup_printf (_("dwelling %" PRId64 " in layer %" PRId64),
                                                    dwelling_id, layer_id);
          return data_error (error, "dwelling_area", where, reason);
        }
      pop->dwelling_area[layer][d] = area;
    }
  if (failed)
    return FALSE;
  order_dwellings (L);
  check_nesting (pop);
  return TRUE;
}

static gboolean
read_persons (Loader  *L,
              GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) birth = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) attrs = g_array_new (FALSE, FALSE, 1);
  g_autoptr(GArray) death = g_array_new (FALSE, FALSE, sizeof (int));
  guint64 count = 0;
  gboolean failed = FALSE;

  stmt = prepare (L, "person",
                  "SELECT id, birth_year, citizenship, education, death_date FROM person ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  L->persons.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (next_row (L, stmt, "person", &count, &failed, error))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint32 by = sqlite3_column_int (stmt, 1);
      int cit = sqlite3_column_int (stmt, 2);
      int edu = sqlite3_column_int (stmt, 3);
      int off = G_MAXINT, year;
      gboolean is_null;
      guint8 a = 0;

      if (cit < WM_CITIZENSHIP_UNKNOWN || cit > WM_CITIZENSHIP_NON_EU)
        return row_error (error, "person", id, _("citizenship is not a code between 0 and 3"));
      if (edu < WM_EDUCATION_UNKNOWN || edu > WM_EDUCATION_TERTIARY)
        return row_error (error, "person", id, _("education is not a code between 0 and 5"));
      if (!date_column (stmt, 4, TRUE, &year, NULL, &is_null))
        {
          g_autofree char *reason = bad_date (stmt, 4);
          return row_error (error, "person", id, reason);
        }
      if (!is_null)
        off = year - L->first;
      if (edu != WM_EDUCATION_UNKNOWN)
        a |= WM_ATTR_EDU_KNOWN;
      if (edu == WM_EDUCATION_NONE || edu == WM_EDUCATION_PRIMARY)
        a |= WM_ATTR_EDU_LOW;
      if (cit != WM_CITIZENSHIP_UNKNOWN)
        a |= WM_ATTR_CIT_KNOWN;
      if (cit == WM_CITIZENSHIP_EU || cit == WM_CITIZENSHIP_NON_EU)
        a |= WM_ATTR_FOREIGN;
      g_array_append_val (L->persons.ids, id);
      g_array_append_val (birth, by);
      g_array_append_val (attrs, a);
      g_array_append_val (death, off);
    }
  if (failed)
    return FALSE;
  id_map_finish (&L->persons);
  L->pop->n_persons = birth->len;
  L->birth_year = (gint32 *) g_array_free (g_steal_pointer (&birth), FALSE);
  L->person_attrs = (guint8 *) g_array_free (g_steal_pointer (&attrs), FALSE);
  L->death_offset = (int *) g_array_free (g_steal_pointer (&death), FALSE);
  return TRUE;
}

static gboolean
read_families (Loader  *L,
               GError **error)
{
  /* schema 1 has no communal column: no family is a convivenza there */
  gboolean marked = sqlite3_table_column_metadata (L->db, "main", "family", "communal",
                                                   NULL, NULL, NULL, NULL, NULL) == SQLITE_OK;
  g_autoptr(sqlite3_stmt) stmt = prepare (L, "family", marked ? "SELECT id, communal FROM family ORDER BY id"
                                                              : "SELECT id, 0 FROM family ORDER BY id", error);
  g_autoptr(GByteArray) communal = g_byte_array_new ();
  guint64 count = 0;
  gboolean failed = FALSE;

  if (stmt == NULL)
    return FALSE;
  L->families.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (next_row (L, stmt, "family", &count, &failed, error))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      guint8 c = sqlite3_column_int (stmt, 1) != 0;

      g_array_append_val (L->families.ids, id);
      g_byte_array_append (communal, &c, 1);
    }
  id_map_finish (&L->families);
  L->family_communal = g_byte_array_free (g_steal_pointer (&communal), FALSE);
  return !failed;
}

/* Rows are read by (person, from_year), so when rows overlap the latest
 * start wins, as the oracle's ORDER BY from_year DESC LIMIT 1 does. */
static gboolean
read_conditions (Loader  *L,
                 GError **error)
{
  guint nw = L->pop->n_cond_words;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint64 count = 0;
  gboolean failed = FALSE;

  L->person_cond = g_new0 (guint32, (gsize) MAX (L->pop->n_persons, 1) * nw);
  stmt = prepare (L, "person_condition",
                  "SELECT person_id, from_year, to_year, condition FROM person_condition "
                  "ORDER BY person_id, from_year", error);
  if (stmt == NULL)
    return FALSE;
  while (next_row (L, stmt, "person_condition", &count, &failed, error))
    {
      gint64 pid = sqlite3_column_int64 (stmt, 0);
      int from = sqlite3_column_int (stmt, 1), to = sqlite3_column_int (stmt, 2);
      int cond = sqlite3_column_int (stmt, 3);
      guint32 p = id_map_find (&L->persons, pid);
      const char *reason = p == NONE ? _("the person is not in the person table")
                           : cond < WM_CONDITION_UNKNOWN || cond > WM_CONDITION_OTHER
                           ? _("condition is not a code between 0 and 6") : NULL;

      if (reason != NULL)
        {
          g_autofree char *where = g_strdup_printf (_("person %" PRId64 " from %d"), pid, from);
          return data_error (error, "person_condition", where, reason);
        }
      for (int y = MAX (from - L->first, 0); y <= MIN (to - L->first, L->ny - 1); y++)
        {
          guint32 *word = &L->person_cond[(gsize) p * nw + y / WM_COND_YEARS_PER_WORD];
          int shift = 3 * (y % WM_COND_YEARS_PER_WORD);

          *word = (*word & ~(7u << shift)) | ((guint32) cond << shift);
        }
    }
  return !failed;
}

static gboolean
read_residence (Loader  *L,
                GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint64 count = 0;
  gboolean failed = FALSE;

  stmt = prepare (L, "residence",
                  "SELECT rowid, person_id, family_id, dwelling_id, relation, start_date, end_date "
                  "FROM residence", error);
  if (stmt == NULL)
    return FALSE;
  L->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  while (next_row (L, stmt, "residence", &count, &failed, error))
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      guint32 p = id_map_find (&L->persons, sqlite3_column_int64 (stmt, 1));
      guint32 f = id_map_find (&L->families, sqlite3_column_int64 (stmt, 2));
      guint32 d = id_map_find (&L->dwellings, sqlite3_column_int64 (stmt, 3));
      int rel = sqlite3_column_int (stmt, 4);
      int start, end = G_MAXINT, s, e;
      gboolean open;
      g_autofree char *reason = NULL;
      Row row;

      if (p == NONE)
        return row_error (error, "residence", rowid, _("the person is not in the person table"));
      if (f == NONE)
        return row_error (error, "residence", rowid, _("the family is not in the family table"));
      if (d == NONE)
        return row_error (error, "residence", rowid, _("the dwelling is not in the dwelling table"));
      if (rel < WM_RELATION_REFERENCE || rel > WM_RELATION_OTHER)
        return row_error (error, "residence", rowid, _("relation is not a code between 1 and 6"));
      if (!interval_columns (stmt, 5, &start, &end, &open, NULL, &reason))
        return row_error (error, "residence", rowid, reason);
      /* Snapshot Y is held iff year(start) ≤ Y < year(end) and the person
       * is alive on 31 December Y, i.e. Y < year(death). */
      s = MAX (start - L->first, 0);
      e = open ? L->ny : MIN (end - L->first, L->ny);
      e = MIN (e, L->death_offset[p]);
      if (s >= e)
        continue;
      if (L->family_communal[f])
        rel = WM_ROW_COMMUNAL;
      row = (Row) { rowid, p, f, L->dwelling_rank[d], rel, s, e };
      g_array_append_val (L->rows, row);
    }
  return !failed;
}

static int
compare_rows_in_family (const Row *a,
                        const Row *b)
{
  if (a->relation != b->relation)
    return a->relation < b->relation ? -1 : 1;
  if (a->person != b->person)
    return a->person < b->person ? -1 : 1;
  return (a->y0 > b->y0) - (a->y0 < b->y0);
}

/* The dwelling where a family spends most of its snapshots (rows @first
 * … @first + @n of @order, all of one family). */
static guint32
main_dwelling (const Row     *rows,
               const guint32 *order,
               guint32        first,
               guint32        n)
{
  guint32 best = NONE, best_years = 0;

  for (guint32 i = first; i < first + n; i++)
    {
      guint32 d = rows[order[i]].dwelling, years = 0;

      for (guint32 j = first; j < first + n; j++)
        if (rows[order[j]].dwelling == d)
          years += rows[order[j]].y1 - rows[order[j]].y0;
      if (years > best_years || (years == best_years && d < best))
        {
          best = d;
          best_years = years;
        }
    }
  return best;
}

/* Families in the order of their main dwelling (dwellings are in section
 * order, so a year's pass meets areas almost in sequence; a family that
 * moved is out of place only in its other years), then rows grouped by
 * family and, inside a family, by (relation, person, time): the first row
 * of a run that holds year y is the family's head at y. */
static void
order_rows (Loader *L)
{
  guint n_fam = L->families.ids->len;
  guint n_rows = L->rows->len;
  Row *rows = (Row *) L->rows->data;
  g_autofree guint32 *by_family = g_new0 (guint32, n_fam + 1);
  g_autofree guint32 *order = g_new (guint32, MAX (n_rows, 1));
  g_autofree guint32 *home = g_new (guint32, MAX (n_fam, 1));
  g_autofree guint32 *start = NULL;
  g_autofree Row *sorted = NULL;
  guint n_ranked = 0;

  /* rows grouped by family id, to find each family's main dwelling */
  for (guint r = 0; r < n_rows; r++)
    by_family[rows[r].family + 1]++;
  for (guint f = 0; f < n_fam; f++)
    by_family[f + 1] += by_family[f];
  start = g_memdup2 (by_family, sizeof (guint32) * (n_fam + 1));
  for (guint r = 0; r < n_rows; r++)
    order[start[rows[r].family]++] = r;
  for (guint f = 0; f < n_fam; f++)
    home[f] = by_family[f + 1] > by_family[f]
              ? main_dwelling (rows, order, by_family[f], by_family[f + 1] - by_family[f]) : NONE;

  /* counting sort of families by main dwelling */
  g_clear_pointer (&start, g_free);
  start = g_new0 (guint32, L->pop->n_dwellings + 1);
  for (guint f = 0; f < n_fam; f++)
    if (home[f] != NONE)
      start[home[f] + 1]++;
  for (guint d = 0; d < L->pop->n_dwellings; d++)
    start[d + 1] += start[d];
  L->family_rank = g_new (guint32, MAX (n_fam, 1));
  for (guint f = 0; f < n_fam; f++)
    {
      L->family_rank[f] = home[f] == NONE ? NONE : start[home[f]]++;
      n_ranked += home[f] != NONE;
    }
  L->pop->n_families = n_ranked;

  /* counting sort of rows by family rank, then a small sort inside each run */
  g_clear_pointer (&start, g_free);
  start = g_new0 (guint32, n_ranked + 1);
  for (guint r = 0; r < n_rows; r++)
    start[L->family_rank[rows[r].family] + 1]++;
  for (guint f = 0; f < n_ranked; f++)
    start[f + 1] += start[f];
  L->pop->family_start = g_memdup2 (start, sizeof (guint32) * (n_ranked + 1));
  sorted = g_new (Row, MAX (n_rows, 1));
  for (guint r = 0; r < n_rows; r++)
    sorted[start[L->family_rank[rows[r].family]]++] = rows[r];
  for (guint f = 0; f < n_ranked; f++)
    {
      guint32 lo = L->pop->family_start[f], hi = L->pop->family_start[f + 1];

      for (guint32 i = lo + 1; i < hi; i++)
        {
          Row v = sorted[i];
          guint32 j = i;

          while (j > lo && compare_rows_in_family (&v, &sorted[j - 1]) < 0)
            {
              sorted[j] = sorted[j - 1];
              j--;
            }
          sorted[j] = v;
        }
    }
  memcpy (rows, sorted, sizeof (Row) * n_rows);
}

static gboolean
build_columns (Loader  *L,
               GError **error)
{
  WmPopulation *pop = L->pop;
  guint n = L->rows->len;
  const Row *rows = (const Row *) L->rows->data;
  guint nw = pop->n_cond_words;

  pop->n_rows = n;
  pop->y0 = g_new (guint8, MAX (n, 1));
  pop->y1 = g_new (guint8, MAX (n, 1));
  pop->age0 = g_new (guint8, MAX (n, 1));
  pop->attrs = g_new (guint8, MAX (n, 1));
  pop->dwelling = g_new (guint32, MAX (n, 1));
  pop->cond = g_new0 (guint32 *, nw);
  for (guint w = 0; w < nw; w++)
    pop->cond[w] = g_new (guint32, MAX (n, 1));

  for (guint r = 0; r < n; r++)
    {
      const Row *row = &rows[r];
      int age0 = L->first - L->birth_year[row->person] + WM_AGE_BIAS;

      if (age0 < 0 || age0 > G_MAXUINT8)
        {
          g_autofree char *where = g_strdup_printf (_("person %" PRId64),
                                                    g_array_index (L->persons.ids, gint64, row->person));
          g_autofree char *reason = g_strdup_printf (_("birth year %d is impossible for a resident in %d–%d"),
                                                     L->birth_year[row->person], L->first, L->first + L->ny - 1);
          return data_error (error, "person", where, reason);
        }
      pop->y0[r] = row->y0;
      pop->y1[r] = row->y1;
      pop->age0[r] = age0;
      pop->attrs[r] = row->relation | L->person_attrs[row->person];
      pop->dwelling[r] = row->dwelling;
      for (guint w = 0; w < nw; w++)
        pop->cond[w][r] = L->person_cond[(gsize) row->person * nw + w];
    }

  pop->family_y0 = g_new (guint8, MAX (pop->n_families, 1));
  pop->family_y1 = g_new (guint8, MAX (pop->n_families, 1));
  for (guint f = 0; f < pop->n_families; f++)
    {
      guint8 lo = G_MAXUINT8, hi = 0;

      for (guint32 r = pop->family_start[f]; r < pop->family_start[f + 1]; r++)
        {
          lo = MIN (lo, rows[r].y0);
          hi = MAX (hi, rows[r].y1);
        }
      pop->family_y0[f] = lo;
      pop->family_y1[f] = hi;
    }
  return TRUE;
}

/* person → rows, and the schema's rule that a person's intervals never
 * overlap (two residences on one 31 December would count them twice) */
static gboolean
index_persons (Loader  *L,
               GError **error)
{
  guint np = L->pop->n_persons;
  guint n = L->rows->len;
  const Row *rows = (const Row *) L->rows->data;
  g_autofree guint32 *fill = NULL;

  L->person_first = g_new0 (guint32, np + 1);
  for (guint r = 0; r < n; r++)
    L->person_first[rows[r].person + 1]++;
  for (guint p = 0; p < np; p++)
    L->person_first[p + 1] += L->person_first[p];
  fill = g_memdup2 (L->person_first, sizeof (guint32) * (np + 1));
  L->person_rows = g_new (guint32, MAX (n, 1));
  for (guint r = 0; r < n; r++)
    L->person_rows[fill[rows[r].person]++] = r;

  for (guint p = 0; p < np; p++)
    for (guint32 i = L->person_first[p]; i < L->person_first[p + 1]; i++)
      for (guint32 j = i + 1; j < L->person_first[p + 1]; j++)
        {
          const Row *a = &rows[L->person_rows[i]], *b = &rows[L->person_rows[j]];

          if (a->y0 < b->y1 && b->y0 < a->y1)
            {
              g_autofree char *reason =
                g_strdup_printf (_("person %" PRId64 " has two residences on 31 December %d "
                                   "(rows %" PRId64 " and %" PRId64 ")"),
                                 g_array_index (L->persons.ids, gint64, p),
                                 L->first + MAX (a->y0, b->y0), a->rowid, b->rowid);
              return row_error (error, "residence", b->rowid, reason);
            }
        }
  return TRUE;
}

static guint32
row_at (Loader *L,
        guint32 person,
        int     y)
{
  const Row *rows = (const Row *) L->rows->data;

  for (guint32 i = L->person_first[person]; i < L->person_first[person + 1]; i++)
    {
      guint32 r = L->person_rows[i];

      if (rows[r].y0 <= y && y < rows[r].y1)
        return r;
    }
  return NONE;
}

static void
add_flag (GArray  *list,
          guint32  key,
          guint16  bits,
          gint32   isee_cents)
{
  FlagEntry e = { key, bits, isee_cents };

  g_array_append_val (list, e);
}

static gboolean
read_care_need (Loader  *L,
                GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint64 count = 0;
  gboolean failed = FALSE;

  stmt = prepare (L, "care_need", "SELECT person_id, start_date, end_date FROM care_need", error);
  if (stmt == NULL)
    return FALSE;
  while (next_row (L, stmt, "care_need", &count, &failed, error))
    {
      gint64 pid = sqlite3_column_int64 (stmt, 0);
      guint32 p = id_map_find (&L->persons, pid);
      int start, end = 0;
      gboolean open;
      g_autofree char *reason = NULL;

      if (p == NONE)
        reason = g_strdup (_("the person is not in the person table"));
      if (reason != NULL || !interval_columns (stmt, 1, &start, &end, &open, NULL, &reason))
        {
          g_autofree char *where = g_strdup_printf (_("person %" PRId64 " from %s"), pid,
                                                    (const char *) sqlite3_column_text (stmt, 1));
          return data_error (error, "care_need", where, reason);
        }
      /* the same snapshot rule as residence */
      for (int y = MAX (start - L->first, 0); y < (open ? L->ny : MIN (end - L->first, L->ny)); y++)
        {
          guint32 r = row_at (L, p, y);
          if (r != NONE)
            add_flag (L->person_flags[y], r, WM_PFLAG_CARE_NEED, 0);
        }
    }
  return !failed;
}

static const struct {
  const char *code;
  guint16 person_bit;
  guint16 family_bit;
} user_areas[] = {
  { "FAM", WM_PFLAG_FAM, WM_FFLAG_FAM },
  { "DIS", WM_PFLAG_DIS, 0 },
  { "ADD", WM_PFLAG_ADD, 0 },
  { "ELD", WM_PFLAG_ELD, 0 },
  { "IMMNOM", WM_PFLAG_IMMNOM, 0 },
  { "POV", WM_PFLAG_POV, WM_FFLAG_POV },
  { "MULBEN", WM_PFLAG_MULBEN, 0 },
};

static gboolean
read_episodes (Loader  *L,
               GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint64 count = 0;
  gboolean failed = FALSE;

  stmt = prepare (L, "service_episode",
                  "SELECT rowid, person_id, family_id, service_code, user_area, start_date, end_date "
                  "FROM service_episode", error);
  if (stmt == NULL)
    return FALSE;
  while (next_row (L, stmt, "service_episode", &count, &failed, error))
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      const char *code = (const char *) sqlite3_column_text (stmt, 3);
      const char *area = (const char *) sqlite3_column_text (stmt, 4);
      gboolean person = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
      int start, end = 0, last;
      gboolean jan1 = FALSE, open;
      guint16 pbits = 0, fbits = 0;
      g_autofree char *reason = NULL;
      guint32 who;

      for (guint i = 0; i < G_N_ELEMENTS (user_areas); i++)
        if (g_strcmp0 (area, user_areas[i].code) == 0)
          {
            pbits = user_areas[i].person_bit;
            fbits = user_areas[i].family_bit;
          }
      if (pbits == 0)
        {
          reason = g_strdup_printf (_("user area “%s” is not a CISIS user area "
                                      "(FAM, DIS, ADD, ELD, IMMNOM, POV, MULBEN)"),
                                    area != NULL ? area : "NULL");
          return row_error (error, "service_episode", rowid, reason);
        }
      if (code != NULL && g_hash_table_contains (L->home_care, code))
        pbits |= WM_PFLAG_HOME_CARE;
      if (!interval_columns (stmt, 5, &start, &end, &open, &jan1, &reason))
        return row_error (error, "service_episode", rowid, reason);
      /* [start, end) meets year Y iff start ≤ 31 Dec Y and end > 1 Jan Y */
      last = open ? L->ny - 1 : MIN (end - (jan1 ? 1 : 0) - L->first, L->ny - 1);
      if (person)
        {
          who = id_map_find (&L->persons, sqlite3_column_int64 (stmt, 1));
          if (who == NONE)
            return row_error (error, "service_episode", rowid, _("the person is not in the person table"));
          for (int y = MAX (start - L->first, 0); y <= last; y++)
            {
              guint32 r = row_at (L, who, y);

              if (r == NONE)
                continue;
              add_flag (L->person_flags[y], r, pbits, 0);
              /* family take-up counts a member's episode as the family's */
              if (fbits != 0)
                add_flag (L->family_flags[y], L->family_rank[g_array_index (L->rows, Row, r).family], fbits, 0);
            }
        }
      else
        {
          who = id_map_find (&L->families, sqlite3_column_int64 (stmt, 2));
          if (who == NONE)
            return row_error (error, "service_episode", rowid, _("the family is not in the family table"));
          if (fbits == 0 || L->family_rank[who] == NONE)
            continue;
          for (int y = MAX (start - L->first, 0); y <= last; y++)
            add_flag (L->family_flags[y], L->family_rank[who], fbits, 0);
        }
    }
  return !failed;
}

/* ISEE in euro cents: declarations are to the cent, and integer compares
 * cannot drift. */
static gint32
to_cents (double euro)
{
  double c = round (euro * 100);

  return (gint32) CLAMP (c, -G_MAXINT32, G_MAXINT32);
}

static gboolean
read_isee (Loader  *L,
           GError **error)
{
  WmPopulation *pop = L->pop;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint64 count = 0;
  gboolean failed = FALSE;

  stmt = prepare (L, "family_year", "SELECT family_id, year, isee FROM family_year", error);
  if (stmt == NULL)
    return FALSE;
  while (next_row (L, stmt, "family_year", &count, &failed, error))
    {
      gint64 fid = sqlite3_column_int64 (stmt, 0);
      int y = sqlite3_column_int (stmt, 1) - L->first;
      guint32 f = id_map_find (&L->families, fid);

      if (f == NONE)
        {
          g_autofree char *where = g_strdup_printf (_("family %" PRId64 " in %d"), fid, y + L->first);
          return data_error (error, "family_year", where, _("the family is not in the family table"));
        }
      if (y < 0 || y >= L->ny || L->family_rank[f] == NONE)
        continue;
      add_flag (L->family_flags[y], L->family_rank[f], WM_FFLAG_ISEE,
                to_cents (sqlite3_column_double (stmt, 2)));
    }
  if (failed)
    return FALSE;

  g_clear_pointer (&stmt, sqlite3_finalize);
  pop->has_threshold = g_new0 (gboolean, L->ny);
  pop->threshold_cents = g_new0 (gint64, L->ny);
  stmt = prepare (L, "isee_threshold", "SELECT year, threshold FROM isee_threshold", error);
  if (stmt == NULL)
    return FALSE;
  while (next_row (L, stmt, "isee_threshold", &count, &failed, error))
    {
      int y = sqlite3_column_int (stmt, 0) - L->first;

      if (y < 0 || y >= L->ny)
        continue;
      pop->has_threshold[y] = TRUE;
      pop->threshold_cents[y] = to_cents (sqlite3_column_double (stmt, 1));
    }
  return !failed;
}

static int
compare_flags (gconstpointer a,
               gconstpointer b)
{
  guint32 ka = ((const FlagEntry *) a)->key, kb = ((const FlagEntry *) b)->key;

  return (ka > kb) - (ka < kb);
}

static void
finish_flags (GArray      *list,
              WmYearFlags *out,
              gboolean     with_isee)
{
  FlagEntry *e = (FlagEntry *) list->data;
  guint n = 0;

  g_array_sort (list, compare_flags);
  for (guint i = 0; i < list->len; i++)
    {
      if (n > 0 && e[n - 1].key == e[i].key)
        {
          if (e[i].bits & WM_FFLAG_ISEE && with_isee)
            e[n - 1].isee_cents = e[i].isee_cents;
          e[n - 1].bits |= e[i].bits;
        }
      else
        e[n++] = e[i];
    }
  out->n = n;
  out->key = g_new (guint32, n + 1);
  out->bits = g_new (guint16, n + 1);
  out->isee_cents = with_isee ? g_new (gint32, n + 1) : NULL;
  for (guint i = 0; i < n; i++)
    {
      out->key[i] = e[i].key;
      out->bits[i] = e[i].bits;
      if (with_isee)
        out->isee_cents[i] = e[i].isee_cents;
    }
  out->key[n] = G_MAXUINT32;
  out->bits[n] = 0;
  if (with_isee)
    out->isee_cents[n] = 0;
}

/* Drops the flags of families with no member resident in year @y, so the
 * kernel's cursor meets exactly the families it counts. */
static void
keep_present_families (WmPopulation *pop,
                       GArray       *list,
                       guint         y)
{
  FlagEntry *e = (FlagEntry *) list->data;
  guint n = 0;

  for (guint i = 0; i < list->len; i++)
    {
      gboolean present = FALSE;

      for (guint32 r = pop->family_start[e[i].key]; r < pop->family_start[e[i].key + 1] && !present; r++)
        present = pop->y0[r] <= y && y < pop->y1[r];
      if (present)
        e[n++] = e[i];
    }
  g_array_set_size (list, n);
}

static void
loader_clear (Loader *L)
{
  id_map_clear (&L->persons);
  id_map_clear (&L->families);
  g_free (L->family_communal);
  id_map_clear (&L->dwellings);
  g_free (L->birth_year);
  g_free (L->person_attrs);
  g_free (L->death_offset);
  g_free (L->person_cond);
  g_clear_pointer (&L->rows, g_array_unref);
  g_free (L->family_rank);
  g_free (L->person_first);
  g_free (L->person_rows);
  for (int y = 0; L->person_flags != NULL && y < L->ny; y++)
    {
      g_array_unref (L->person_flags[y]);
      g_array_unref (L->family_flags[y]);
    }
  g_free (L->person_flags);
  g_free (L->family_flags);
  g_clear_pointer (&L->home_care, g_hash_table_unref);
}

/**
 * wm_population_fill:
 *
 * Reads @db into @pop (a fresh object). On failure @pop is left partly
 * filled and must be dropped.
 */
gboolean
wm_population_fill (WmPopulation        *pop,
                    sqlite3             *db,
                    const char * const  *home_care_codes,
                    GCancellable        *cancellable,
                    GError             **error)
{
  Loader L = { db, pop, cancellable, NULL };
  gboolean ok;

  L.home_care = g_hash_table_new (g_str_hash, g_str_equal);
  for (const char * const *c = home_care_codes; c != NULL && *c != NULL; c++)
    g_hash_table_add (L.home_care, (gpointer) *c);

  ok = wm_schema_check (db, error) &&
       read_meta (&L, error) &&
       read_layers (&L, error) &&
       read_dwellings (&L, error) &&
       read_persons (&L, error) &&
       read_families (&L, error) &&
       read_conditions (&L, error) &&
       read_residence (&L, error);
  if (ok)
    {
      order_rows (&L);
      L.person_flags = g_new (GArray *, L.ny);
      L.family_flags = g_new (GArray *, L.ny);
      for (int y = 0; y < L.ny; y++)
        {
          L.person_flags[y] = g_array_new (FALSE, FALSE, sizeof (FlagEntry));
          L.family_flags[y] = g_array_new (FALSE, FALSE, sizeof (FlagEntry));
        }
      ok = build_columns (&L, error) &&
           index_persons (&L, error) &&
           read_care_need (&L, error) &&
           read_episodes (&L, error) &&
           read_isee (&L, error);
    }
  if (ok)
    {
      pop->person_flags = g_new0 (WmYearFlags, L.ny);
      pop->family_flags = g_new0 (WmYearFlags, L.ny);
      for (int y = 0; y < L.ny; y++)
        {
          finish_flags (L.person_flags[y], &pop->person_flags[y], FALSE);
          keep_present_families (pop, L.family_flags[y], y);
          finish_flags (L.family_flags[y], &pop->family_flags[y], TRUE);
        }
    }
  loader_clear (&L);
#ifdef __GLIBC__
  /* The loader's temporaries (rows, id maps, flag lists: at Milano scale
   * more than the columns themselves) are big enough that glibc's adaptive
   * mmap threshold put them in the heap, which keeps them once freed. */
  malloc_trim (0);
#endif
  return ok;
}
