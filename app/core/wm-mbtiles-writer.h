/* wm-mbtiles-writer.h — write an MBTiles pack atomically
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _WmMbtilesWriter WmMbtilesWriter;

WmMbtilesWriter *wm_mbtiles_writer_new          (const char       *path,
                                                 GError          **error);
gboolean         wm_mbtiles_writer_set_metadata (WmMbtilesWriter  *self,
                                                 const char       *name,
                                                 const char       *value,
                                                 GError          **error);
gboolean         wm_mbtiles_writer_put_tile     (WmMbtilesWriter  *self,
                                                 int               zoom,
                                                 int               x,
                                                 int               y,
                                                 GBytes           *data,
                                                 GError          **error);
gboolean         wm_mbtiles_writer_commit       (WmMbtilesWriter  *self,
                                                 GError          **error);
void             wm_mbtiles_writer_free         (WmMbtilesWriter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmMbtilesWriter, wm_mbtiles_writer_free)

G_END_DECLS
