/* bench-mbtiles.c — tile reads through WmMbtiles vs a bare SQLite lookup
 *
 * The peer is the same prepared SELECT with no locking, TMS flip or copy:
 * the floor any MBTiles reader stands on.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <sqlite3.h>

#include "wm-bench.h"
#include "wm-mbtiles.h"
#include "wm-test-util.h"

#define ZOOM 8
#define SIDE (1 << ZOOM)
#define READS 200000

typedef struct {
  WmMbtiles *mbtiles;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gsize bytes;
} Bench;

static void
read_ours (gpointer data)
{
  Bench *b = data;

  for (guint i = 0; i < READS; i++)
    {
      guint x = (i * 7919) % SIDE, y = (i * 104729) % SIDE;
      g_autoptr(GBytes) tile = wm_mbtiles_get_tile (b->mbtiles, x, y, ZOOM, NULL);

      if (tile != NULL)
        b->bytes += g_bytes_get_size (tile);
    }
}

static void
read_bare (gpointer data)
{
  Bench *b = data;

  for (guint i = 0; i < READS; i++)
    {
      guint x = (i * 7919) % SIDE, y = (i * 104729) % SIDE;

      sqlite3_reset (b->stmt);
      sqlite3_bind_int (b->stmt, 1, ZOOM);
      sqlite3_bind_int (b->stmt, 2, x);
      sqlite3_bind_int (b->stmt, 3, SIDE - 1 - y);
      if (sqlite3_step (b->stmt) == SQLITE_ROW)
        b->bytes += sqlite3_column_bytes (b->stmt, 0);
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "bench.mbtiles", NULL);
  Bench b = { 0 };
  double ours, bare;

  g_assert_cmpint (sqlite3_open (path, &b.db), ==, SQLITE_OK);
  sqlite3_exec (b.db,
                "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
                "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
                "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 65535)"
                "  INSERT INTO tiles SELECT 8, i % 256, i / 256, randomblob(12000) FROM n;",
                NULL, NULL, NULL);
  sqlite3_prepare_v2 (b.db, "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                      -1, &b.stmt, NULL);
  b.mbtiles = wm_mbtiles_open (path, NULL);
  g_assert_nonnull (b.mbtiles);

  ours = wm_bench_best_of (3, read_ours, &b);
  bare = wm_bench_best_of (3, read_bare, &b);
  wm_bench_report ("mbtiles.tile_reads_per_s", READS / ours, "tiles/s",
                   "%.2f× the bare SQLite lookup, %.0f tiles/s", ours / bare, READS / bare);

  sqlite3_finalize (b.stmt);
  sqlite3_close (b.db);
  g_object_unref (b.mbtiles);
  wm_test_rmdir (dir);
  return 0;
}
