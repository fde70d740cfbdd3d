/* extract-test-util.h — what the extract tests share: databases, files, and
 * the check that every error says what it is
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include "wm-extract-private.h"

G_BEGIN_DECLS

#define TEST_PASSPHRASE  "correct horse battery staple"
#define TEST_ANALYST     "analyst passphrase 1"
#define TEST_CASEWORKER  "caseworker passphrase 2"

GBytes  *xt_make_db            (const char    *sql);
guint8  *xt_random_bytes       (gsize          len,
                                guint32        seed);
GBytes  *xt_read_file          (const char    *path);
void     xt_write_file         (const char    *path,
                                const void    *data,
                                gsize          len);
void     xt_assert_error       (const GError  *error,
                                WmExtractError code);
void     xt_write_extract      (const char    *path,
                                const guint8  *data,
                                gsize          data_size,
                                const guint8  *identities,
                                gsize          identity_size,
                                guint          chunk_log2,
                                WmExtractKdfLevel kdf);
gint64   xt_query_int          (sqlite3       *db,
                                const char    *sql);
char    *xt_query_text         (sqlite3       *db,
                                const char    *sql);

G_END_DECLS
