/* wm-test-linkage.h — the hand-made linkage fixture, ready to import
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *wm_test_linkage_path     (const char *name);
void  wm_test_linkage_prepare  (const char *dir);

G_END_DECLS
