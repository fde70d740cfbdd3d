/* wm-synth.h — synthetic municipal source files for a real place
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WM_SYNTH_ERROR (wm_synth_error_quark ())

typedef enum {
  WM_SYNTH_ERROR_PROFILE,     /* unknown place, malformed profile */
  WM_SYNTH_ERROR_INPUT,       /* an input file is missing or unreadable */
  WM_SYNTH_ERROR_COLUMN,      /* a census variable column is missing */
  WM_SYNTH_ERROR_GEOMETRY,    /* a layer without polygons, an invalid polygon */
  WM_SYNTH_ERROR_DATA,        /* census values that cannot be reproduced */
  WM_SYNTH_ERROR_OUTPUT,      /* the output folder cannot be written */
} WmSynthError;

typedef void (*WmSynthProgressFunc) (double      fraction,
                                     const char *stage,
                                     gpointer    user_data);

#define WM_TYPE_SYNTH (wm_synth_get_type ())
G_DECLARE_FINAL_TYPE (WmSynth, wm_synth, WM, SYNTH, GObject)

GQuark       wm_synth_error_quark   (void);
WmSynth     *wm_synth_new           (void);
const char *const *wm_synth_places  (void);
gboolean     wm_synth_set_place     (WmSynth     *self,
                                     const char  *place,
                                     GError     **error);
gboolean     wm_synth_set_profile_file (WmSynth   *self,
                                     const char  *path,
                                     GError     **error);
void         wm_synth_set_option    (WmSynth     *self,
                                     const char  *group,
                                     const char  *key,
                                     const char  *value);
void         wm_synth_set_data_dir  (WmSynth     *self,
                                     const char  *dir);
void         wm_synth_set_first_year (WmSynth    *self,
                                     int          year);
void         wm_synth_set_years     (WmSynth     *self,
                                     int          years);
void         wm_synth_set_seed      (WmSynth     *self,
                                     guint64      seed);
void         wm_synth_set_defect_rate (WmSynth   *self,
                                     double       rate);
int          wm_synth_get_first_year (WmSynth    *self);
int          wm_synth_get_years     (WmSynth     *self);
guint64      wm_synth_get_seed      (WmSynth     *self);
double       wm_synth_get_defect_rate (WmSynth   *self);
char        *wm_synth_dup_place_name (WmSynth    *self);

gboolean     wm_synth_run           (WmSynth             *self,
                                     const char          *out_dir,
                                     WmSynthProgressFunc  progress,
                                     gpointer             user_data,
                                     GCancellable        *cancellable,
                                     GError             **error);
void         wm_synth_run_async     (WmSynth             *self,
                                     const char          *out_dir,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean     wm_synth_run_finish    (WmSynth             *self,
                                     GAsyncResult        *result,
                                     GError             **error);

G_END_DECLS
