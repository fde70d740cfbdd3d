/* wm-cli-input.h — the extract a command reads: an encrypted .wmx or a plain database
 *
 * A command that works on an extract's data opens it here:
 *
 *   WmCliInput in = { NULL };
 *   if (!wm_cli_input_open (&in, path, passphrase_file, &error))
 *     …
 *   … in.db, in.access …
 *   wm_cli_input_clear (&in);
 *
 * An encrypted extract opens with the role of its passphrase's key slot
 * (the passphrase comes as wm-cli-passphrase.h says); a plain database
 * has no role: whoever holds it holds all of it (a data office checking an
 * importer build). What may leave the app is each command's decision,
 * taken from in.access.
 *
 * Options several commands parse alike are here too.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "wm-atlas.h"
#include "wm-extract.h"
#include "wm-map-model.h"
#include "wm-population.h"

G_BEGIN_DECLS

typedef enum {
  WM_CLI_ACCESS_PLAIN_DATABASE,
  WM_CLI_ACCESS_ANALYST,
  WM_CLI_ACCESS_CASEWORKER,
} WmCliAccess;

typedef struct {
  sqlite3 *db;              /* owned for a plain database, the extract's otherwise */
  WmExtract *extract;
  WmCliAccess access;
} WmCliInput;

gboolean  wm_cli_input_open   (WmCliInput  *in,
                               const char  *path,
                               const char  *passphrase_file,
                               GError     **error);
void      wm_cli_input_clear  (WmCliInput  *in);
gboolean  wm_cli_input_error  (GError     **error,
                               const char  *path,
                               const char  *reason,
                               const char  *what_to_do);

/* Options several commands take. */
char     *wm_cli_indicator_ids      (void);
GArray   *wm_cli_parse_indicators   (const char  *spec,
                                     char       **unknown);
char     *wm_cli_layer_codes        (WmPopulation *pop);

gboolean  wm_cli_choose_layer       (WmMapModel   *model,
                                     sqlite3      *db,
                                     const char   *path,
                                     const char   *level,
                                     gboolean      coarsest,
                                     GError      **error);
WmAtlas  *wm_cli_new_atlas          (WmMapModel        *model,
                                     const WmCliInput  *in,
                                     const char        *path,
                                     const char        *basemap,
                                     gboolean           no_basemap,
                                     gboolean           disclosure,
                                     WmAtlasOptions    *options,
                                     GError           **error);

G_END_DECLS
