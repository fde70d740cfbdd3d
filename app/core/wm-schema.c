/* wm-schema.c — the database inside an extract
 *
 * Conventions: dates are ISO 'YYYY-MM-DD' text (they sort, and plain SQL can
 * compare them); intervals are [start_date, end_date), end NULL = still
 * open; yearly figures are snapshots at 31 December, so a person born in
 * year B is Y − B years old at the snapshot of year Y. Coordinates are
 * EPSG:4326 lon/lat; areas and distances use meta.metric_crs.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-schema.h"

G_DEFINE_QUARK (wm-schema-error-quark, wm_schema_error)

static const char schema_sql[] =
  /* meta keys: schema_version, municipality_code (ISTAT PRO_COM),
   * municipality_name, first_year, last_year, metric_crs (EPSG code),
   * reference_date, built_at, sources, attribution */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"

  /* Boundary layers. 'sections' (level 0) always exists. join_kind says how
   * the importer assigned dwellings: 1 point in polygon, 2 section → area
   * table. Either way the result is in dwelling_area. */
  "CREATE TABLE area_layer ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  level INTEGER NOT NULL,"
  "  join_kind INTEGER NOT NULL,"
  "  source TEXT"
  ");"

  /* geom: WKB (multi)polygon in EPSG:4326, NULL when no boundary is known
   * (Milano's 2011 sections); label_*: a point inside the polygon. */
  "CREATE TABLE area ("
  "  id INTEGER PRIMARY KEY,"
  "  layer_id INTEGER NOT NULL REFERENCES area_layer(id),"
  "  code TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  geom BLOB,"
  "  area_m2 REAL,"
  "  label_lon REAL,"
  "  label_lat REAL,"
  "  UNIQUE (layer_id, code)"
  ");"

  "CREATE TABLE section_area ("
  "  section_id INTEGER NOT NULL REFERENCES area(id),"
  "  area_id INTEGER NOT NULL REFERENCES area(id),"
  "  PRIMARY KEY (section_id, area_id)"
  ") WITHOUT ROWID;"

  "CREATE TABLE dwelling ("
  "  id INTEGER PRIMARY KEY,"
  "  surface_m2 REAL,"
  "  rooms INTEGER,"
  "  tenure INTEGER NOT NULL DEFAULT 0,"
  "  lon REAL NOT NULL,"
  "  lat REAL NOT NULL"
  ");"

  /* The area of every layer (sections included) for every dwelling: the one
   * join the engine needs. No row = outside every area of that layer. */
  "CREATE TABLE dwelling_area ("
  "  layer_id INTEGER NOT NULL REFERENCES area_layer(id),"
  "  dwelling_id INTEGER NOT NULL REFERENCES dwelling(id),"
  "  area_id INTEGER NOT NULL REFERENCES area(id),"
  "  PRIMARY KEY (layer_id, dwelling_id)"
  ") WITHOUT ROWID;"

  /* pseudonym: keyed BLAKE2b-128 of the normalised codice fiscale; the key
   * lives in the identities section. */
  "CREATE TABLE person ("
  "  id INTEGER PRIMARY KEY,"
  "  pseudonym BLOB NOT NULL,"
  "  sex INTEGER NOT NULL CHECK (sex IN (1, 2)),"
  "  birth_year INTEGER NOT NULL,"
  "  birth_month INTEGER NOT NULL CHECK (birth_month BETWEEN 1 AND 12),"
  "  citizenship INTEGER NOT NULL DEFAULT 0,"
  "  education INTEGER NOT NULL DEFAULT 0,"
  "  death_date TEXT"
  ");"

  /* communal = 1: a convivenza anagrafica (care home, religious community,
   * barracks…). Its members are residents, but ISTAT never counts it as a
   * family ("famiglia"): family indicators leave it out. */
  "CREATE TABLE family ("
  "  id INTEGER PRIMARY KEY,"
  "  pseudonym BLOB NOT NULL,"
  "  communal INTEGER NOT NULL DEFAULT 0 CHECK (communal IN (0, 1))"
  ");"

  /* A person's intervals never overlap; a move, a new family or a change of
   * relation closes one interval and opens the next. */
  "CREATE TABLE residence ("
  "  person_id INTEGER NOT NULL REFERENCES person(id),"
  "  family_id INTEGER NOT NULL REFERENCES family(id),"
  "  dwelling_id INTEGER NOT NULL REFERENCES dwelling(id),"
  "  relation INTEGER NOT NULL,"
  "  start_date TEXT NOT NULL,"
  "  end_date TEXT,"
  "  CHECK (end_date IS NULL OR end_date > start_date)"
  ");"
  "CREATE INDEX residence_person ON residence (person_id, start_date);"

  /* Professional condition, years from_year..to_year inclusive. */
  "CREATE TABLE person_condition ("
  "  person_id INTEGER NOT NULL REFERENCES person(id),"
  "  from_year INTEGER NOT NULL,"
  "  to_year INTEGER NOT NULL,"
  "  condition INTEGER NOT NULL,"
  "  PRIMARY KEY (person_id, from_year),"
  "  CHECK (to_year >= from_year)"
  ") WITHOUT ROWID;"

  /* Assessed care need (level 1 light, 2 moderate, 3 severe). */
  "CREATE TABLE care_need ("
  "  person_id INTEGER NOT NULL REFERENCES person(id),"
  "  start_date TEXT NOT NULL,"
  "  end_date TEXT,"
  "  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),"
  "  PRIMARY KEY (person_id, start_date)"
  ") WITHOUT ROWID;"

  /* ISEE in euro, one declaration per family and year (no row: none filed). */
  "CREATE TABLE family_year ("
  "  family_id INTEGER NOT NULL REFERENCES family(id),"
  "  year INTEGER NOT NULL,"
  "  isee REAL NOT NULL,"
  "  PRIMARY KEY (family_id, year)"
  ") WITHOUT ROWID;"

  "CREATE TABLE isee_threshold ("
  "  year INTEGER PRIMARY KEY,"
  "  threshold REAL NOT NULL"
  ");"

  /* CISIS nomenclatore interregionale degli interventi e servizi sociali. */
  "CREATE TABLE service_type ("
  "  code TEXT PRIMARY KEY,"
  "  label TEXT NOT NULL,"
  "  macro_area TEXT"
  ") WITHOUT ROWID;"

  /* user_area: FAM DIS ADD ELD IMMNOM POV MULBEN. */
  "CREATE TABLE service_episode ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER REFERENCES person(id),"
  "  family_id INTEGER REFERENCES family(id),"
  "  service_code TEXT NOT NULL REFERENCES service_type(code),"
  "  user_area TEXT NOT NULL,"
  "  start_date TEXT NOT NULL,"
  "  end_date TEXT,"
  "  amount REAL,"
  "  CHECK ((person_id IS NULL) <> (family_id IS NULL))"
  ");"

  "CREATE TABLE service_site ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  user_area TEXT NOT NULL,"
  "  category TEXT,"
  "  address TEXT,"
  "  target_users TEXT,"
  "  opening_hours TEXT,"
  "  capacity INTEGER,"
  "  lon REAL NOT NULL,"
  "  lat REAL NOT NULL"
  ");"

  /* The importer's data-quality report: one row per rejected or repaired
   * record (file and row of the source, never an identity). */
  "CREATE TABLE quality_report ("
  "  source TEXT NOT NULL,"
  "  file TEXT NOT NULL,"
  "  row INTEGER,"
  "  severity TEXT NOT NULL,"
  "  reason TEXT NOT NULL"
  ");";

/* The identities section: only caseworker key slots can decrypt it. It is
 * attached under its own schema name next to the pseudonymised database. */
static const char identity_sql[] =
  "CREATE TABLE %1$s.identity_person ("
  "  person_id INTEGER PRIMARY KEY,"
  "  codice_fiscale TEXT NOT NULL,"
  "  surname TEXT,"
  "  given_name TEXT,"
  "  birth_date TEXT,"
  "  birthplace_code TEXT"
  ");"
  "CREATE TABLE %1$s.identity_family ("
  "  family_id INTEGER PRIMARY KEY,"
  "  family_code TEXT NOT NULL"
  ");"
  "CREATE TABLE %1$s.identity_dwelling ("
  "  dwelling_id INTEGER PRIMARY KEY,"
  "  address TEXT NOT NULL"
  ");"
  /* name 'pseudonym': the BLAKE2b key behind person/family pseudonyms */
  "CREATE TABLE %1$s.identity_key ("
  "  name TEXT PRIMARY KEY,"
  "  key BLOB NOT NULL"
  ");";

const char *
wm_schema_sql (void)
{
  return schema_sql;
}

const char *
wm_schema_identity_sql (void)
{
  return identity_sql;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, WM_SCHEMA_ERROR, WM_SCHEMA_ERROR_SQL,
                   _("Could not create the extract database: %s"),
                   msg != NULL ? msg : sqlite3_errmsg (db));
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_schema_create:
 * @db: an empty, writable database
 *
 * Creates every table of the pseudonymised section and records
 * WM_SCHEMA_VERSION in meta.
 */
gboolean
wm_schema_create (sqlite3  *db,
                  GError  **error)
{
  g_autofree char *version = g_strdup_printf ("%d", WM_SCHEMA_VERSION);

  if (!exec_sql (db, "BEGIN", error))
    return FALSE;
  if (!exec_sql (db, schema_sql, error) ||
      !wm_schema_meta_set (db, "schema_version", version, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return exec_sql (db, "COMMIT", error);
}

/**
 * wm_schema_create_identity:
 * @schema_name: "main" for a database of its own, or the name it is attached as
 */
gboolean
wm_schema_create_identity (sqlite3     *db,
                           const char  *schema_name,
                           GError     **error)
{
  g_autofree char *quoted = NULL;
  g_autofree char *sql = NULL;
  char *q;

  q = sqlite3_mprintf ("\"%w\"", schema_name);
  quoted = g_strdup (q);
  sqlite3_free (q);
  sql = g_strdup_printf (identity_sql, quoted);
  return exec_sql (db, sql, error);
}

char *
wm_schema_meta_get (sqlite3    *db,
                    const char *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = ?", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

gboolean
wm_schema_meta_set (sqlite3     *db,
                    const char  *key,
                    const char  *value,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
  if (rc != SQLITE_OK)
    g_set_error (error, WM_SCHEMA_ERROR, WM_SCHEMA_ERROR_SQL,
                 _("Could not write “%s” in the extract database: %s"),
                 key, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

/**
 * wm_schema_check:
 *
 * Tells whether @db is an extract database this version can read.
 */
gboolean
wm_schema_check (sqlite3  *db,
                 GError  **error)
{
  g_autofree char *version = wm_schema_meta_get (db, "schema_version");
  gint64 v;

  if (version == NULL)
    {
      g_set_error_literal (error, WM_SCHEMA_ERROR, WM_SCHEMA_ERROR_NOT_AN_EXTRACT,
                           _("The database is not a WelfareMap extract (it has no schema version)."));
      return FALSE;
    }
  v = g_ascii_strtoll (version, NULL, 10);
  /* Version 1 lacks only family.communal: read as "no convivenze marked",
   * so that extracts the data office already handed out still open. */
  if (v < 1 || v > WM_SCHEMA_VERSION)
    {
      g_set_error (error, WM_SCHEMA_ERROR, WM_SCHEMA_ERROR_VERSION,
                   _("The extract uses data schema version %s, this WelfareMap reads version %d — "
                     "update WelfareMap or ask the data office for an extract in the older version."),
                   version, WM_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}
