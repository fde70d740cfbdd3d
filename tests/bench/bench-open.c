/* bench-open.c — the memory of opening a Milano-scale extract as the window does
 *
 * The acceptance goal is the whole app at ≤ 250 MB resident after open
 * (1.24 M persons, ten years). bench-indicators measures the engine with
 * the decrypted database still in memory; this measures the path the
 * window takes (wm-window-map.c): decrypt the .wmx (wm_extract_open),
 * load the columns (wm_map_model_load: the code its worker thread runs),
 * drop the microdata (wm_map_model_release_microdata), show the first
 * layer (wm_map_model_set_layer: boundaries and all years of indicators).
 *
 * The population is bench-indicators' (same generator, size and seed),
 * written as an encrypted extract with the core's API and the default key
 * derivation, with a synthetic identities section (a name, codice fiscale
 * and birth data per person, an address per dwelling) so a caseworker's
 * open can be measured too, and what loading the identities on demand
 * costs. Each open runs in a fresh child process (this
 * program with --open), so its peak is the open's, not the generator's.
 * Figures, each against the 250 MiB goal or against the same process
 * before the open:
 * - resident memory before the open (libraries and GLib: the peer);
 * - after the open, as is and after malloc_trim();
 * - peak during the open (VmHWM), and the peak of each step, where the
 *   kernel lets a process reset its peak (/proc/self/clear_refs).
 * - the whole app: the real window (tests/wm-screenshot, under xvfb-run)
 *   opening the same extract as an analyst, drawing as the app chooses
 *   (wm-renderer.c: cairo here, where there is no GPU) and with OpenGL
 *   forced (Mesa's llvmpipe here); for each, panning the map: frames/s
 *   and CPU time per frame.
 * Not included: the bigger real boundaries (sections here are squares).
 *
 * WM_BENCH_PERSONS scales the population down for a quick run.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "wm-bench.h"
#include "wm-extract.h"
#include "wm-map-model.h"
#include "wm-schema.h"
#include "wm-test-extract.h"
#include "wm-test-population.h"
#include "wm-test-util.h"

#define FIRST_YEAR 2015
#define N_YEARS 10
#define GOAL_MIB 250.0

static const char analyst_pass[] = "bench analista milano";
static const char caseworker_pass[] = "bench operatore milano";

static double
status_mib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return -1;
  return g_ascii_strtod (line + strlen (field), NULL) / 1024.0;
}

/* Starts a new peak (VmHWM) from the current resident size, if allowed. */
static gboolean
reset_peak (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");
  gboolean ok = f != NULL && fputs ("5", f) >= 0;

  return f != NULL && fclose (f) == 0 && ok;
}

/* Identities as a caseworker's extract holds them: about as long as real
 * ones (16-character codice fiscale, names, an address per dwelling). */
static GBytes *
identities (sqlite3 *data)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  wm_test_sql (data, "ATTACH ':memory:' AS ids");
  g_assert_true (wm_schema_create_identity (data, "ids", &error));
  g_assert_no_error (error);
  /* printf () here is SQLite's */
  wm_test_sql (data, "%s",
               "BEGIN;"
               "INSERT INTO ids.identity_person"
               " SELECT id, printf ('RSSMRA%02d%s%02d%s%03d%s', birth_year % 100, char (65 + id % 12),"
               "                    1 + id % 28, 'F205', id % 1000, char (65 + id % 26)),"
               "        printf ('Cognome%d', id % 9973), printf ('Nome%d', id % 997),"
               "        printf ('%d-%02d-%02d', birth_year, birth_month, 1 + id % 28), 'F205'"
               "   FROM person;"
               "INSERT INTO ids.identity_family SELECT id, printf ('%d', 100000 + id) FROM family;"
               "INSERT INTO ids.identity_dwelling"
               " SELECT id, printf ('Via della Sezione %d %d', id % 4000, 1 + id % 120) FROM dwelling;"
               "INSERT INTO ids.identity_key VALUES ('pseudonym', randomblob (32));"
               "COMMIT;");
  bytes = wm_extract_serialize_db (data, "ids", &error);
  g_assert_no_error (error);
  wm_test_sql (data, "DETACH ids");
  return bytes;
}

static void
write_extract (const char *path, guint n_persons)
{
  WmTestPopulationSpec spec = {
    .n_persons = n_persons, .n_sections = 6000, .n_districts = 88, .n_zones = 0,
    .first_year = FIRST_YEAR, .n_years = N_YEARS, .threshold_gap = FALSE, .seed = 1242123,
  };
  const WmExtractSlotSpec slots[] = {
    { WM_EXTRACT_ROLE_CASEWORKER, caseworker_pass },
    { WM_EXTRACT_ROLE_ANALYST, analyst_pass },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL, ids = NULL;
  sqlite3 *db = wm_test_extract_new (FIRST_YEAR, FIRST_YEAR + N_YEARS - 1);
  gint64 start = g_get_monotonic_time ();

  wm_test_population_generate (db, &spec);
  ids = identities (db);
  data = wm_extract_serialize_db (db, "main", &error);
  g_assert_no_error (error);
  sqlite3_close (db);
  g_assert_true (wm_extract_create (path, data, ids, slots, G_N_ELEMENTS (slots), NULL,
                                    WM_EXTRACT_KDF_MODERATE, NULL, &error));
  g_assert_no_error (error);
  wm_bench_report ("open.write_s", (g_get_monotonic_time () - start) / 1e6, "s",
                   "%u persons asked; data %.0f MiB, identities %.0f MiB, encrypted with the default key derivation",
                   n_persons, g_bytes_get_size (data) / 1048576.0, g_bytes_get_size (ids) / 1048576.0);
}

/* A caseworker's identities stay encrypted until something asks for them:
 * what asking costs, and that releasing gives the memory back. */
static void
load_identities (WmExtract *extract,
                 double     before)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double seconds, loaded;

  g_assert_true (wm_extract_load_identities (extract, NULL, &error));
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  loaded = status_mib ("VmRSS:");
  g_assert_true (wm_extract_release_identities (extract, &error));
  g_assert_no_error (error);
  malloc_trim (0);
  wm_bench_report ("open.caseworker.identities_load_ms", seconds * 1000, "ms",
                   "decrypted from the file when first needed: resident %.0f → %.0f MiB, %.0f MiB again once released",
                   before, loaded, status_mib ("VmRSS:"));
}

/* The child: one open, as the window does it, and its figures. */
static int
open_once (const char *path, const char *role)
{
  const char *passphrase = g_str_equal (role, "caseworker") ? caseworker_pass : analyst_pass;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmExtract) extract = NULL;
  g_autoptr(WmMapModel) model = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *step_peaks = NULL, *name_before = NULL, *name_after = NULL, *name_peak = NULL;
  gboolean resettable = reset_peak ();
  double before = status_mib ("VmRSS:"), after, trimmed, peak = 0;
  gint64 start = g_get_monotonic_time ();
  sqlite3_int64 kept_bytes = 0;

#define STEP(name)                                                              \
  do                                                                            \
    {                                                                           \
      double p = status_mib ("VmHWM:");                                         \
      peak = MAX (peak, p);                                                     \
      g_ptr_array_add (steps, g_strdup_printf ("%s %.0f (then %.0f)", name, p,  \
                                               status_mib ("VmRSS:")));         \
      if (resettable)                                                           \
        reset_peak ();                                                          \
    }                                                                           \
  while (0)

  extract = wm_extract_open (path, passphrase, NULL, &error);
  g_assert_no_error (error);
  STEP ("decrypt");
  model = wm_map_model_new ();
  g_assert_true (wm_map_model_load (model, wm_extract_get_db (extract), NULL, &error));
  g_assert_no_error (error);
  STEP ("columns");
  g_assert_true (wm_map_model_release_microdata (model, extract, &error));
  g_assert_no_error (error);
  STEP ("release");
  g_assert_true (wm_map_model_set_layer (model, 0, &error));
  g_assert_true (wm_map_model_wait (model, &error));
  g_assert_no_error (error);
  STEP ("first layer");
  after = status_mib ("VmRSS:");
  malloc_trim (0);
  trimmed = status_mib ("VmRSS:");
  {
    sqlite3_stmt *stmt = NULL;

    if (sqlite3_prepare_v2 (wm_extract_get_db (extract),
                            "SELECT page_count * page_size FROM pragma_page_count (), pragma_page_size ()",
                            -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
      kept_bytes = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
  }
  g_ptr_array_add (steps, NULL);
  step_peaks = g_strjoinv (", ", (char **) steps->pdata);
  name_before = g_strdup_printf ("open.%s.rss_before_mib", role);
  name_after = g_strdup_printf ("open.%s.rss_after_open_mib", role);
  name_peak = g_strdup_printf ("open.%s.peak_rss_mib", role);

  wm_bench_report (name_before, before, "MiB",
                   "libraries and GLib, before the open: the peer of the figures below");
  wm_bench_report (name_after, trimmed, "MiB",
                   "%.2f× the %.0f MiB goal; %.0f MiB before malloc_trim(); %.0f MiB more than before the open: "
                   "columns %.0f MiB, database kept %.0f MiB; %.1f s",
                   trimmed / GOAL_MIB, GOAL_MIB, after, trimmed - before,
                   wm_population_get_memory_size (wm_map_model_get_population (model)) / 1048576.0,
                   kept_bytes / 1048576.0, (g_get_monotonic_time () - start) / 1e6);
  wm_bench_report (name_peak, peak, "MiB",
                   "%.2f× the goal; peak of each step (and resident size after it), MiB: %s", peak / GOAL_MIB,
                   resettable ? step_peaks : "not available (the kernel refused to reset the peak)");
#undef STEP
  if (wm_extract_has_identities (extract))
    load_identities (extract, trimmed);
  return 0;
}

/* The real window (tests/wm-screenshot) on the same extract under Xvfb:
 * its resident memory once the map of the first layer is shown, then a
 * pan. With @force_gl, GTK draws with OpenGL even without a GPU (under
 * Xvfb: Mesa's llvmpipe, which renders on the CPU). */
static void
window_open (const char *path, const char *dir, gboolean force_gl)
{
  const char *screenshot = g_getenv ("WM_SCREENSHOT");
  g_autofree char *xvfb = g_find_program_in_path ("xvfb-run");
  g_autofree char *pass = g_build_filename (dir, "analyst.pass", NULL);
  g_autofree char *png = g_build_filename (dir, "window.png", NULL);
  g_autofree char *out = NULL, *name = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *argv[] = { xvfb, "-a", "-s", "-screen 0 1600x1000x24", screenshot, "--extract", path,
                         "--passphrase-file", pass, "--print-memory", "--zoom", "13", "--pan", "120", png, NULL };
  const char *rss, *hwm, *pan;
  int status;

  if (screenshot == NULL || xvfb == NULL)
    {
      printf ("open.window: not measured (needs xvfb-run and WM_SCREENSHOT)\n");
      return;
    }
  g_assert_true (g_file_set_contents (pass, analyst_pass, -1, NULL));
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  env = g_environ_unsetenv (env, "GDK_DEBUG");
  if (force_gl)
    env = g_environ_setenv (env, "GSK_RENDERER", "gl", TRUE);
  else
    env = g_environ_unsetenv (env, "GSK_RENDERER");
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL) || (rss = strstr (out, "VmRSS:")) == NULL ||
      (hwm = strstr (out, "VmHWM:")) == NULL || (pan = strstr (out, "pan: ")) == NULL)
    g_error ("the window did not open %s", path);
  name = g_strdup_printf ("open.window%s.analyst.rss_mib", force_gl ? "_opengl" : "");
  wm_bench_report (name, g_ascii_strtod (rss + 6, NULL) / 1024, "MiB",
                   "%.2f× the %.0f MiB goal: the whole app, GTK window and map shown, %s; peak %.0f MiB; %.*s",
                   g_ascii_strtod (rss + 6, NULL) / 1024 / GOAL_MIB, GOAL_MIB,
                   force_gl ? "OpenGL forced (GSK_RENDERER=gl: Mesa's llvmpipe, on the CPU)"
                            : "drawn as the app chooses (no GPU here: cairo)",
                   g_ascii_strtod (hwm + 6, NULL) / 1024, (int) strcspn (pan, "\n"), pan);
}

static void
spawn_open (const char *self, const char *path, const char *role)
{
  const char *argv[] = { self, "--open", path, role, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

int
main (int argc, char **argv)
{
  const char *persons_env = g_getenv ("WM_BENCH_PERSONS");
  g_autofree char *dir = NULL, *path = NULL, *self = NULL;

  if (argc == 4 && g_str_equal (argv[1], "--open"))
    return open_once (argv[2], argv[3]);

  dir = wm_test_tmpdir ();
  path = g_build_filename (dir, "milano.wmx", NULL);
  self = g_file_read_link ("/proc/self/exe", NULL);
  write_extract (path, persons_env != NULL ? atoi (persons_env) : 1240000);
  malloc_trim (0);
  spawn_open (self != NULL ? self : argv[0], path, "analyst");
  spawn_open (self != NULL ? self : argv[0], path, "caseworker");
  window_open (path, dir, FALSE);
  window_open (path, dir, TRUE);
  wm_test_rmdir (dir);
  return 0;
}
