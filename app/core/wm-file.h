/* wm-file.h — putting a finished temporary file in place, durably
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int wm_file_commit (const char *tmp,
                    const char *path);

G_END_DECLS
