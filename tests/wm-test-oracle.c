/* wm-test-oracle.c — runs tests/indicators-oracle.sql, the engine's SQL peer
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <string.h>

#include "wm-test-oracle.h"

typedef struct {
  char *name;
  char *sql;
  gboolean indicator;
} Block;

struct _WmTestOracle {
  GArray *blocks;
};

static void
clear_block (gpointer data)
{
  Block *b = data;

  g_free (b->name);
  g_free (b->sql);
}

/* Splits the file at its "-- @step NAME" and "-- @indicator ID" lines. */
WmTestOracle *
wm_test_oracle_load (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  WmTestOracle *oracle = g_new0 (WmTestOracle, 1);
  GString *sql = NULL;
  Block *current = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  oracle->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (oracle->blocks, clear_block);
  lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l != NULL; l++)
    {
      gboolean step = g_str_has_prefix (*l, "-- @step "), ind = g_str_has_prefix (*l, "-- @indicator ");

      if (step || ind)
        {
          Block b = { g_strdup (strchr (*l + 4, ' ') + 1), NULL, ind };

          if (current != NULL)
            current->sql = g_string_free (sql, FALSE);
          g_array_append_val (oracle->blocks, b);
          current = &g_array_index (oracle->blocks, Block, oracle->blocks->len - 1);
          sql = g_string_new (NULL);
        }
      else if (current != NULL)
        g_string_append_printf (sql, "%s\n", *l);
    }
  if (current != NULL)
    current->sql = g_string_free (sql, FALSE);
  g_assert_cmpuint (oracle->blocks->len, >, 0);
  return oracle;
}

static void
bind_params (sqlite3_stmt *stmt,
             int           year,
             gint64        layer_id)
{
  g_autofree char *snap = g_strdup_printf ("%04d-12-31", year);
  g_autofree char *jan1 = g_strdup_printf ("%04d-01-01", year);
  int i;

  if ((i = sqlite3_bind_parameter_index (stmt, ":year")) > 0)
    sqlite3_bind_int (stmt, i, year);
  if ((i = sqlite3_bind_parameter_index (stmt, ":layer")) > 0)
    sqlite3_bind_int64 (stmt, i, layer_id);
  if ((i = sqlite3_bind_parameter_index (stmt, ":snap")) > 0)
    sqlite3_bind_text (stmt, i, snap, -1, SQLITE_TRANSIENT);
  if ((i = sqlite3_bind_parameter_index (stmt, ":jan1")) > 0)
    sqlite3_bind_text (stmt, i, jan1, -1, SQLITE_TRANSIENT);
}

/* Every step, then every indicator query, for one year and layer. */
void
wm_test_oracle_run (WmTestOracle    *oracle,
                    sqlite3         *db,
                    int              year,
                    gint64           layer_id,
                    WmTestOracleRow  row,
                    gpointer         user_data)
{
  for (guint b = 0; b < oracle->blocks->len; b++)
    {
      Block *block = &g_array_index (oracle->blocks, Block, b);
      const char *tail = block->sql;

      while (tail != NULL && *tail != '\0')
        {
          sqlite3_stmt *stmt = NULL;
          const char *next = NULL;
          int rc;

          if (sqlite3_prepare_v2 (db, tail, -1, &stmt, &next) != SQLITE_OK)
            g_error ("oracle %s: %s", block->name, sqlite3_errmsg (db));
          tail = next;
          if (stmt == NULL)
            continue;  /* only comments or white space left */
          bind_params (stmt, year, layer_id);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            if (block->indicator)
              row (block->name, sqlite3_column_type (stmt, 0) == SQLITE_NULL,
                   sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                   sqlite3_column_int64 (stmt, 2), user_data);
          if (rc != SQLITE_DONE)
            g_error ("oracle %s: %s", block->name, sqlite3_errmsg (db));
          sqlite3_finalize (stmt);
        }
    }
}

void
wm_test_oracle_free (WmTestOracle *oracle)
{
  g_array_unref (oracle->blocks);
  g_free (oracle);
}
