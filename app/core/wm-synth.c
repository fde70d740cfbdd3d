/* wm-synth.c — WmSynth: synthetic municipal source files for a real place
 *
 * A place profile (GKeyFile: built-in povo, milano, palermo, or a file of
 * your own) names the census-section layer and its ISTAT variables, the
 * polygons addresses fall in, the street network and service sites, and
 * the assumptions where the census says nothing. The run builds census day
 * exactly (wm-synth-census.c), the years around it (wm-synth-history.c),
 * and streams the files of app/core/wm-sources.md into a temporary folder
 * beside the output, renamed into place only when everything is written.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gdal.h>
#include <ogr_srs_api.h>
#include <cpl_error.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "wm-file.h"
#include "wm-paths.h"
#include "wm-synth-private.h"

struct _WmSynth
{
  GObject parent_instance;

  GMutex lock;
  GKeyFile *profile;
  char *profile_dir;      /* where relative paths of a profile file resolve */
  char *data_dir;
  int first_year;
  int years;
  guint64 seed;
  double defect_rate;
};

G_DEFINE_FINAL_TYPE (WmSynth, wm_synth, G_TYPE_OBJECT)
G_DEFINE_QUARK (wm-synth-error-quark, wm_synth_error)

enum {
  PROP_0,
  PROP_FIRST_YEAR,
  PROP_YEARS,
  PROP_SEED,
  PROP_DEFECT_RATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const places[] = { "povo", "milano", "palermo", NULL };

static void
wm_synth_finalize (GObject *object)
{
  WmSynth *self = WM_SYNTH (object);

  g_clear_pointer (&self->profile, g_key_file_unref);
  g_free (self->profile_dir);
  g_free (self->data_dir);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (wm_synth_parent_class)->finalize (object);
}

static void
wm_synth_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  WmSynth *self = WM_SYNTH (object);

  switch (prop_id)
    {
    case PROP_FIRST_YEAR: g_value_set_int (value, self->first_year); break;
    case PROP_YEARS: g_value_set_int (value, self->years); break;
    case PROP_SEED: g_value_set_uint64 (value, self->seed); break;
    case PROP_DEFECT_RATE: g_value_set_double (value, self->defect_rate); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_synth_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  WmSynth *self = WM_SYNTH (object);

  switch (prop_id)
    {
    case PROP_FIRST_YEAR: wm_synth_set_first_year (self, g_value_get_int (value)); break;
    case PROP_YEARS: wm_synth_set_years (self, g_value_get_int (value)); break;
    case PROP_SEED: wm_synth_set_seed (self, g_value_get_uint64 (value)); break;
    case PROP_DEFECT_RATE: wm_synth_set_defect_rate (self, g_value_get_double (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_synth_class_init (WmSynthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_synth_finalize;
  object_class->get_property = wm_synth_get_property;
  object_class->set_property = wm_synth_set_property;

  properties[PROP_FIRST_YEAR] =
    g_param_spec_int ("first-year", NULL, NULL, 1990, 2100, 2015,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEARS] =
    g_param_spec_int ("years", NULL, NULL, 1, 50, 10,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL, 0, G_MAXUINT64, 42,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEFECT_RATE] =
    g_param_spec_double ("defect-rate", NULL, NULL, 0, 0.5, 0.005,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_synth_init (WmSynth *self)
{
  g_mutex_init (&self->lock);
  self->first_year = 2015;
  self->years = 10;
  self->seed = 42;
  self->defect_rate = 0.005;
}

WmSynth *
wm_synth_new (void)
{
  return g_object_new (WM_TYPE_SYNTH, NULL);
}

const char *const *
wm_synth_places (void)
{
  return places;
}

static void
ensure_resources (void)
{
  extern GResource *wm_synth_get_resource (void);

  (void) wm_synth_get_resource ();
}

gboolean
wm_synth_set_place (WmSynth     *self,
                    const char  *place,
                    GError     **error)
{
  g_autofree char *path = g_strdup_printf ("/com/example/WelfareMap/synth/%s.place", place);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GKeyFile) file = g_key_file_new ();

  ensure_resources ();
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      g_autofree char *known = g_strjoinv (", ", (char **) places);

      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_PROFILE,
                   _("unknown place “%s” — use one of %s, or --profile FILE"), place, known);
      return FALSE;
    }
  if (!g_key_file_load_from_bytes (file, bytes, G_KEY_FILE_NONE, error))
    return FALSE;
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->profile, g_key_file_unref);
  self->profile = g_steal_pointer (&file);
  g_clear_pointer (&self->profile_dir, g_free);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

gboolean
wm_synth_set_profile_file (WmSynth     *self,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_PROFILE,
                   _("%s: not a readable place profile (%s) — see data/synth/povo.place for the format"),
                   path, local->message);
      return FALSE;
    }
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->profile, g_key_file_unref);
  self->profile = g_steal_pointer (&file);
  g_free (self->profile_dir);
  self->profile_dir = g_path_get_dirname (path);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

/**
 * wm_synth_set_option:
 *
 * Overrides one key of the profile (the CLI's --sections, --variables…);
 * with no profile yet, starts an empty one.
 */
void
wm_synth_set_option (WmSynth    *self,
                     const char *group,
                     const char *key,
                     const char *value)
{
  g_mutex_lock (&self->lock);
  if (self->profile == NULL)
    self->profile = g_key_file_new ();
  g_key_file_set_string (self->profile, group, key, value);
  g_mutex_unlock (&self->lock);
}

void
wm_synth_set_data_dir (WmSynth *self, const char *dir)
{
  g_mutex_lock (&self->lock);
  g_free (self->data_dir);
  self->data_dir = g_strdup (dir);
  g_mutex_unlock (&self->lock);
}

#define SETTER(name, type, field, prop)                                  \
  void wm_synth_set_##name (WmSynth *self, type value)                   \
  {                                                                      \
    g_return_if_fail (WM_IS_SYNTH (self));                               \
    if (self->field == value)                                            \
      return;                                                            \
    self->field = value;                                                 \
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);        \
  }                                                                      \
  type wm_synth_get_##name (WmSynth *self) { return self->field; }

SETTER (first_year, int, first_year, PROP_FIRST_YEAR)
SETTER (years, int, years, PROP_YEARS)
SETTER (seed, guint64, seed, PROP_SEED)
SETTER (defect_rate, double, defect_rate, PROP_DEFECT_RATE)

char *
wm_synth_dup_place_name (WmSynth *self)
{
  char *name;

  g_mutex_lock (&self->lock);
  name = self->profile ? g_key_file_get_string (self->profile, "place", "name", NULL) : NULL;
  g_mutex_unlock (&self->lock);
  return name;
}

void
wm_synth_report (WmSynthWorld *w, double fraction, const char *stage)
{
  if (w->progress != NULL)
    w->progress (fraction, stage, w->progress_data);
}

/* Where the profile's relative paths live: --data-dir, the profile's own
 * folder, then the data folders the app knows. */
static char *
find_data_dir (WmSynth *self, GKeyFile *profile, GError **error)
{
  g_autofree char *sections = g_key_file_get_string (profile, "sections", "file", NULL);
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);

  if (sections == NULL)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_PROFILE,
                   _("no census sections given — use --place, --profile or --sections"));
      return NULL;
    }
  if (self->data_dir != NULL)
    return g_strdup (self->data_dir);
  if (g_path_is_absolute (sections))
    return g_strdup ("/");
  if (self->profile_dir != NULL)
    return g_strdup (self->profile_dir);
  g_ptr_array_add (candidates, g_strdup (wm_paths_data_dir ()));
  if (g_getenv ("WM_SHARED_DATA") != NULL)
    g_ptr_array_add (candidates, g_strdup (g_getenv ("WM_SHARED_DATA")));
  g_ptr_array_add (candidates, g_build_filename (WM_SOURCE_ROOT, "data", NULL));
  g_ptr_array_add (candidates, g_build_filename (WM_SOURCE_ROOT, "..", "shared", "data", NULL));
  for (guint i = 0; i < candidates->len; i++)
    {
      g_autofree char *path = g_build_filename (g_ptr_array_index (candidates, i), sections, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return g_strdup (g_ptr_array_index (candidates, i));
    }
  g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_INPUT,
               _("%s: not found in %s or the other data folders — pass --data-dir with the folder that holds it"),
               sections, (const char *) g_ptr_array_index (candidates, 0));
  return NULL;
}

static gboolean
write_run_info (WmSynthWorld *w, const char *dir, GError **error)
{
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autofree char *path = g_build_filename (dir, "sintesi.ini", NULL);

  g_key_file_set_string (info, "run", "place", w->profile.name);
  g_key_file_set_string (info, "run", "comune", w->profile.comune);
  g_key_file_set_uint64 (info, "run", "seed", w->seed);
  g_key_file_set_integer (info, "run", "first-year", w->first_year);
  g_key_file_set_integer (info, "run", "years", w->years);
  g_key_file_set_integer (info, "run", "census-year", w->profile.census_year);
  g_key_file_set_string (info, "run", "crs", w->profile.crs);
  g_key_file_set_double (info, "run", "defect-rate", w->defect_rate);
  g_key_file_set_string (info, "run", "generator", "welfaremap synth " PACKAGE_VERSION);
  return g_key_file_save_to_file (info, path, error);
}

/* The spreadsheets GDAL wrote are not synced yet (the CSV files are). */
static gboolean
sync_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      int fd = open (path, O_RDONLY | O_CLOEXEC);

      if (fd < 0 || fsync (fd) != 0)
        {
          if (fd >= 0)
            close (fd);
          return FALSE;
        }
      close (fd);
    }
  return d != NULL;
}

gboolean
wm_synth_run (WmSynth             *self,
              const char          *out_dir,
              WmSynthProgressFunc  progress,
              gpointer             user_data,
              GCancellable        *cancellable,
              GError             **error)
{
  WmSynthWorld w = { 0 };
  g_autoptr(GKeyFile) profile = g_key_file_new ();
  g_autofree char *data_dir = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *template = NULL;
  gboolean ok = FALSE;
  int errsv = 0;

  g_return_val_if_fail (WM_IS_SYNTH (self), FALSE);

  g_mutex_lock (&self->lock);
  if (self->profile != NULL)
    {
      g_autofree char *text = g_key_file_to_data (self->profile, NULL, NULL);

      g_key_file_load_from_data (profile, text, -1, G_KEY_FILE_NONE, NULL);
    }
  g_mutex_unlock (&self->lock);

  if (g_file_test (out_dir, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GDir) d = g_dir_open (out_dir, 0, NULL);

      if (d == NULL || g_dir_read_name (d) != NULL)
        {
          g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_OUTPUT,
                       _("%s: already exists and is not an empty folder — choose a new folder, or remove it"), out_dir);
          return FALSE;
        }
    }

  w.seed = self->seed;
  w.first_year = self->first_year;
  w.years = self->years;
  w.defect_rate = self->defect_rate;
  w.progress = progress;
  w.progress_data = user_data;
  w.cancellable = cancellable;
  w.geos = GEOS_init_r ();
  w.persons = g_array_new (FALSE, TRUE, sizeof (WmSynthPerson));
  w.families = g_array_new (FALSE, TRUE, sizeof (WmSynthFamily));
  w.dwellings = g_array_new (FALSE, TRUE, sizeof (WmSynthDwelling));
  w.buildings = g_array_new (FALSE, TRUE, sizeof (WmSynthBuilding));
  w.intervals = g_array_new (FALSE, TRUE, sizeof (WmSynthInterval));
  w.vacant = g_array_new (FALSE, FALSE, sizeof (guint32));
  w.cf_set = g_hash_table_new (g_direct_hash, g_direct_equal);
  w.next_family_code = 100001;

  GDALAllRegister ();
  if (!wm_synth_profile_load (&w.profile, profile, error))
    goto out;
  w.profile.per_building = MAX (1, g_key_file_get_integer (profile, "housing", "dwellings-per-building", NULL));
  w.census_day = wm_synth_julian (w.profile.census_year, 12, 31);
  {
    OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);
    gboolean known;

    CPLPushErrorHandler (CPLQuietErrorHandler);
    known = OSRSetFromUserInput (srs, w.profile.crs) == OGRERR_NONE;
    CPLPopErrorHandler ();

    w.metric = known && OSRIsProjected (srs);
    OSRDestroySpatialReference (srs);
    if (!known)
      {
        g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_PROFILE,
                     _("place profile: [place] crs “%s” is not a coordinate system GDAL knows — use e.g. EPSG:32632"),
                     w.profile.crs);
        goto out;
      }
    /* Addresses are written to the centimetre, or to 10⁻⁶° (11 cm). */
    w.grid = w.metric ? 0.01 : 1e-6;
  }
  if ((data_dir = find_data_dir (self, profile, error)) == NULL)
    goto out;
  wm_synth_report (&w, 0.0, _("Reading the census sections"));
  if (!wm_synth_place_read (&w, profile, data_dir, error))
    goto out;
  if (!wm_synth_build_census (&w, error) || !wm_synth_build_history (&w, error))
    goto out;
  /* Everyone still resident at the end has an open residence row. */
  for (guint32 i = 0; i < w.persons->len; i++)
    if (P (&w, i)->family != WM_SYNTH_NONE)
      {
        WmSynthPerson *p = P (&w, i);
        WmSynthInterval iv = { i, p->family, F (&w, p->family)->dwelling, p->res_start, 0, p->relation, END_NONE };

        g_array_append_val (w.intervals, iv);
      }

  parent = g_path_get_dirname (out_dir);
  template = g_strdup_printf ("%s.tmp-XXXXXX", out_dir);
  if (g_mkdtemp (template) == NULL)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_OUTPUT,
                   _("%s: cannot create a folder there (%s) — choose a folder you can write to"),
                   parent, g_strerror (errno));
      goto out;
    }
  tmp = g_steal_pointer (&template);
  g_chmod (tmp, 0755);
  if (!wm_synth_write_all (&w, tmp, error) || !write_run_info (&w, tmp, error))
    goto out;
  /* An empty folder given as the output is replaced by the finished one. */
  if (!sync_files (tmp) || (errsv = wm_file_commit (tmp, out_dir)) != 0)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_OUTPUT,
                   _("%s: cannot move the finished files into place (%s) — is the disk full?"), out_dir,
                   g_strerror (errsv != 0 ? errsv : errno));
      goto out;
    }
  g_clear_pointer (&tmp, g_free);
  wm_synth_report (&w, 1.0, _("Done"));
  ok = TRUE;

out:
  if (tmp != NULL)
    {
      /* An interrupted run leaves nothing behind. */
      g_autoptr(GDir) d = g_dir_open (tmp, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (tmp, name, NULL);
          g_remove (child);
        }
      g_rmdir (tmp);
    }
  wm_synth_world_free (&w);
  return ok;
}

typedef struct {
  char *out_dir;
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *rd = data;

  g_free (rd->out_dir);
  g_free (rd);
}

static void
run_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RunData *rd = task_data;
  GError *error = NULL;

  if (wm_synth_run (WM_SYNTH (source), rd->out_dir, NULL, NULL, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
wm_synth_run_async (WmSynth             *self,
                    const char          *out_dir,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  RunData *rd = g_new0 (RunData, 1);

  rd->out_dir = g_strdup (out_dir);
  g_task_set_source_tag (task, wm_synth_run_async);
  g_task_set_task_data (task, rd, run_data_free);
  g_task_run_in_thread (task, run_thread);
}

gboolean
wm_synth_run_finish (WmSynth       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
