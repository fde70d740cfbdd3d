/* wm-layer-file.h — a boundary file the user adds to an open extract
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include "wm-area-geometry.h"
#include "wm-population.h"

G_BEGIN_DECLS

int wm_layer_file_add (WmPopulation    *population,
                       const char      *path,
                       WmAreaGeometry **geometry,
                       GError         **error);

G_END_DECLS
