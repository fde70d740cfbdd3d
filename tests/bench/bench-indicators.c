/* bench-indicators.c — every indicator, area and year at Milano scale: engine vs SQLite
 *
 * A generated population the size of Milano (1.24 M residents, 6,000 census
 * sections, 88 districts, ten years) in an in-memory extract database,
 * serialised and reopened read-only as the app opens a decrypted extract.
 * Figures, each against its peer in this run:
 * - all indicators × all sections × ten years with the engine, vs the same
 *   counts by tests/indicators-oracle.sql in SQLite with indexes for it;
 * - the engine vs the memory-bandwidth bound: bytes of columns the kernel
 *   reads ÷ the read bandwidth of a plain summing loop over a large buffer,
 *   run by as many threads as the engine counts with (one core alone draws
 *   only part of the bandwidth: here 10 of 17 GB/s);
 * - resident memory after open (database image + columns) and after all years.
 *
 * WM_BENCH_PERSONS scales the population down for a quick run;
 * WM_BENCH_SQL_YEARS runs the SQL peer on fewer years (the ratio is then
 * per year, and says so).
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <malloc.h>
#include <sqlite3.h>
#include <string.h>
#include <time.h>

#include "wm-bench.h"
#include "wm-indicator-engine.h"
#include "wm-indicator-private.h"
#include "wm-test-extract.h"
#include "wm-test-oracle.h"
#include "wm-test-population.h"

#define FIRST_YEAR 2015
#define N_YEARS 10

static double
rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return g_ascii_strtod (line + 6, NULL) / 1024.0;
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
process_cpu_seconds (void)
{
  struct timespec t;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

typedef struct {
  WmPopulation *pop;
  WmIndicatorTable *table;
  double best_cpu;
} EngineRun;

static void
run_engine (gpointer data)
{
  EngineRun *run = data;
  g_autoptr(WmIndicatorEngine) engine = wm_indicator_engine_new (run->pop);
  double cpu = process_cpu_seconds ();

  g_clear_object (&run->table);
  run->table = wm_indicator_engine_compute (engine, wm_population_get_sections (run->pop),
                                            NULL, NULL, NULL, NULL);
  run->best_cpu = MIN (run->best_cpu, process_cpu_seconds () - cpu);
}

/* The machine is shared: say how busy it was, as figures depend on it. */
static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1;
  return g_ascii_strtod (text, NULL);
}

typedef struct {
  guint64 *buffer;
  gsize n;
  guint n_threads;
  guint64 sums[8];
} ReadRun;

typedef struct {
  const guint64 *part;
  gsize n;
  guint64 *sum;
} ReadPart;

/* A summing loop over memory, four independent sums so the loop is bound
 * by loads, not by the adder. */
static gpointer
read_part (gpointer data)
{
  ReadPart *p = data;
  guint64 s0 = 0, s1 = 0, s2 = 0, s3 = 0;

  for (gsize i = 0; i < p->n; i += 4)
    {
      s0 += p->part[i];
      s1 += p->part[i + 1];
      s2 += p->part[i + 2];
      s3 += p->part[i + 3];
    }
  *p->sum += s0 + s1 + s2 + s3;
  return NULL;
}

/* The floor: the buffer read by as many threads as the engine counts
 * with, since one core alone cannot draw all the bandwidth there is. */
static void
run_read (gpointer data)
{
  ReadRun *run = data;
  ReadPart parts[8];
  GThread *threads[8];
  gsize share = run->n / run->n_threads;

  for (guint t = 0; t < run->n_threads; t++)
    {
      parts[t] = (ReadPart) { run->buffer + t * share, share, &run->sums[t] };
      threads[t] = t > 0 ? g_thread_new ("read", read_part, &parts[t]) : NULL;
    }
  read_part (&parts[0]);
  for (guint t = 1; t < run->n_threads; t++)
    g_thread_join (threads[t]);
}

static void
count_row (const char *indicator, gboolean outside, gint64 area_id, gint64 num, gint64 den, gpointer data)
{
  *(guint64 *) data += num + den;
}

int
main (int argc, char **argv)
{
  const char *persons_env = g_getenv ("WM_BENCH_PERSONS");
  const char *sql_years_env = g_getenv ("WM_BENCH_SQL_YEARS");
  WmTestPopulationSpec spec = {
    .n_persons = persons_env != NULL ? atoi (persons_env) : 1240000,
    .n_sections = 6000, .n_districts = 88, .n_zones = 0,
    .first_year = FIRST_YEAR, .n_years = N_YEARS, .threshold_gap = FALSE, .seed = 1242123,
  };
  int sql_years = sql_years_env != NULL ? CLAMP (atoi (sql_years_env), 1, N_YEARS) : N_YEARS;
  g_autoptr(GError) error = NULL;
  g_autofree char *oracle_path = g_build_filename (WM_SOURCE_ROOT, "tests", "indicators-oracle.sql", NULL);
  sqlite3 *gen_db, *db, *sql_db;
  sqlite3_int64 image_size, copy_size;
  unsigned char *image, *copy;
  g_autofree char *scaled = NULL;
  EngineRun engine = { NULL, NULL, G_MAXDOUBLE };
  ReadRun read = { 0 };
  WmTestOracle *oracle;
  gint64 start;
  double t_engine, t_read, t_sql, rss_open, rss_db, bandwidth, bandwidth_one, bound;
  gsize scanned = 0;
  guint64 checksum = 0, engine_checksum = 0;

  /* the data set */
  start = g_get_monotonic_time ();
  gen_db = wm_test_extract_new (FIRST_YEAR, FIRST_YEAR + N_YEARS - 1);
  wm_test_population_generate (gen_db, &spec);
  image = sqlite3_serialize (gen_db, "main", &image_size, 0);
  g_assert_nonnull (image);
  sqlite3_close (gen_db);
  wm_bench_report ("indicators.generate_s", seconds_since (start), "s",
                   "%u persons asked, %u sections, %d years", spec.n_persons, spec.n_sections, N_YEARS);

  /* opened as the app opens a decrypted extract: one read-only image */
  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_deserialize (db, "main", image, image_size, image_size,
                                        SQLITE_DESERIALIZE_READONLY | SQLITE_DESERIALIZE_FREEONCLOSE),
                   ==, SQLITE_OK);
  malloc_trim (0);
  rss_db = rss_mib ();

  start = g_get_monotonic_time ();
  engine.pop = wm_population_load (db, NULL, NULL, &error);
  g_assert_no_error (error);
  wm_bench_report ("indicators.load_s", seconds_since (start), "s",
                   "%u persons, %u families, %u dwellings, %u residence rows",
                   wm_population_get_n_persons (engine.pop), wm_population_get_n_families (engine.pop),
                   wm_population_get_n_dwellings (engine.pop), wm_population_get_n_residences (engine.pop));
  malloc_trim (0);
  rss_open = rss_mib ();
  wm_bench_report ("indicators.rss_after_open_mib", rss_open, "MiB",
                   "whole process: database image %.0f MiB, columns %.0f MiB (%.0f MiB of arrays), "
                   "the rest libraries and heap; goal ≤ 250 MiB for the whole app",
                   image_size / 1048576.0, rss_open - rss_db,
                   wm_population_get_memory_size (engine.pop) / 1048576.0);

  /* the engine, cold cache each time */
  wm_bench_report ("indicators.load_average", load_average (), "runnable tasks",
                   "on %u cores, before the timed runs", g_get_num_processors ());
  t_engine = wm_bench_best_of (3, run_engine, &engine);
  for (guint y = 0; y < N_YEARS; y++)
    scanned += wm_indicator_kernel_bytes_per_year (engine.pop, y);

  /* the floor */
  read.n = 256u << 17;   /* 256 MiB of guint64, a multiple of 4 × 8 threads */
  read.buffer = g_new (guint64, read.n);
  for (gsize i = 0; i < read.n; i++)
    read.buffer[i] = i;
  read.n_threads = 1;
  bandwidth_one = read.n * sizeof (guint64) / wm_bench_best_of (5, run_read, &read);
  /* as many threads as the engine's count_layer() */
  read.n_threads = MIN (MIN ((guint) g_get_num_processors (), N_YEARS), 8);
  t_read = wm_bench_best_of (5, run_read, &read);
  bandwidth = read.n * sizeof (guint64) / t_read;
  bound = scanned / bandwidth;
  g_free (read.buffer);

  wm_bench_report ("indicators.rss_after_all_years_mib", rss_mib (), "MiB", NULL);

  /* the peer: the oracle SQL on a writable copy with indexes for it */
  copy = sqlite3_serialize (db, "main", &copy_size, 0);
  g_assert_nonnull (copy);
  g_assert_cmpint (sqlite3_open (":memory:", &sql_db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_deserialize (sql_db, "main", copy, copy_size, copy_size,
                                        SQLITE_DESERIALIZE_RESIZEABLE | SQLITE_DESERIALIZE_FREEONCLOSE),
                   ==, SQLITE_OK);
  wm_test_sql (sql_db, "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -262144;"
                       "CREATE INDEX episode_person ON service_episode (person_id, user_area);"
                       "CREATE INDEX episode_family ON service_episode (family_id, user_area);"
                       "CREATE INDEX residence_start ON residence (start_date);"
                       "ANALYZE;");
  oracle = wm_test_oracle_load (oracle_path);
  start = g_get_monotonic_time ();
  for (int y = 0; y < sql_years; y++)
    wm_test_oracle_run (oracle, sql_db, FIRST_YEAR + y, 1, count_row, &checksum);
  t_sql = seconds_since (start) * N_YEARS / sql_years;
  wm_test_oracle_free (oracle);
  sqlite3_close (sql_db);

  /* the same numbers, or the comparison means nothing */
  for (int y = 0; y < sql_years; y++)
    for (WmIndicatorId ind = 0; ind < WM_N_INDICATORS; ind++)
      {
        guint64 num, den;

        if (wm_indicator_table_get_municipality_counts (engine.table, ind, FIRST_YEAR + y, &num, &den))
          engine_checksum += num + den;
      }
  g_assert_cmpuint (checksum, ==, engine_checksum);

  scaled = sql_years < N_YEARS ? g_strdup_printf (", measured on %d years and scaled", sql_years) : g_strdup ("");
  wm_bench_report ("indicators.all_years_ms", t_engine * 1000, "ms",
                   "%d indicators × %u sections × %d years; %.0f× faster than SQLite (%.1f s%s); goal ≤ 150 ms, ≥ 200×",
                   WM_N_INDICATORS, spec.n_sections, N_YEARS, t_sql / t_engine, t_sql, scaled);
  wm_bench_report ("indicators.per_year_ms", t_engine * 1000 / N_YEARS, "ms", NULL);
  wm_bench_report ("indicators.all_years_cpu_ms", engine.best_cpu * 1000, "ms",
                   "processor time of all threads, %.2f× the wall time", engine.best_cpu / t_engine);
  wm_bench_report ("indicators.bandwidth_ratio", t_engine / bound, "× the bound",
                   "%.0f MiB of columns read over %d years at %.1f GB/s (%u threads, as the engine; "
                   "one thread alone reads %.1f GB/s) = %.1f ms; goal ≤ 3×",
                   scanned / 1048576.0, N_YEARS, bandwidth / 1e9, read.n_threads, bandwidth_one / 1e9,
                   bound * 1000);
  wm_bench_report ("indicators.peak_rss_mib", wm_bench_peak_rss_mib (), "MiB",
                   "the whole run, generating the data and the SQL peer included");

  g_object_unref (engine.table);
  g_object_unref (engine.pop);
  sqlite3_close (db);
  return 0;
}
