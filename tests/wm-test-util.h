/* wm-test-util.h — what every test needs: fixture paths and temporary folders
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *wm_test_shared_path (const char *first_element, ...) G_GNUC_NULL_TERMINATED;
char *wm_test_data_path   (const char *first_element, ...) G_GNUC_NULL_TERMINATED;
char *wm_test_tmpdir      (void);
void  wm_test_rmdir       (const char *path);
void  wm_test_write_file  (const char *path, const void *data, gssize len);

G_END_DECLS
