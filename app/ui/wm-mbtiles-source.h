/* wm-mbtiles-source.h — a ShumateDataSource serving tiles from an MBTiles pack
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <shumate/shumate.h>

#include "wm-mbtiles.h"

G_BEGIN_DECLS

#define WM_TYPE_MBTILES_SOURCE (wm_mbtiles_source_get_type ())
G_DECLARE_FINAL_TYPE (WmMbtilesSource, wm_mbtiles_source, WM, MBTILES_SOURCE, ShumateDataSource)

WmMbtilesSource  *wm_mbtiles_source_new          (WmMbtiles       *mbtiles);
WmMbtiles        *wm_mbtiles_source_get_mbtiles  (WmMbtilesSource *self);
ShumateMapSource *wm_mbtiles_source_new_renderer (WmMbtiles       *mbtiles);

G_END_DECLS
