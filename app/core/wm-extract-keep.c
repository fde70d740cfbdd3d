/* wm-extract-keep.c — shrinking an open extract to the tables still needed
 *
 * Once the indicator engine has read persons, families and residences
 * into its compact columns, the window needs only areas, services and a
 * few small tables from the database; the rest of the decrypted image (for
 * a city, hundreds of megabytes of microdata) can go. The tables kept are
 * copied into a new image in the same protected memory as the first, the
 * old image is zeroed and released, and the database is opened again on
 * the new one. The identities section, for a caseworker, stays as it was.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "wm-extract-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static gboolean
copy_table (sqlite3     *from,
            sqlite3     *to,
            const char  *table,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) schema = NULL, select = NULL, insert = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  char *quoted;
  int n, rc;

  if (sqlite3_prepare_v2 (from, "SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?",
                          -1, &schema, NULL) != SQLITE_OK)
    goto sql_error;
  sqlite3_bind_text (schema, 1, table, -1, SQLITE_STATIC);
  if (sqlite3_step (schema) != SQLITE_ROW)
    return TRUE;  /* an older extract without it: nothing to keep */
  if (sqlite3_exec (to, (const char *) sqlite3_column_text (schema, 0), NULL, NULL, NULL) != SQLITE_OK)
    goto sql_error;

  quoted = sqlite3_mprintf ("SELECT * FROM main.\"%w\"", table);
  rc = sqlite3_prepare_v2 (from, quoted, -1, &select, NULL);
  sqlite3_free (quoted);
  if (rc != SQLITE_OK)
    goto sql_error;
  n = sqlite3_column_count (select);
  quoted = sqlite3_mprintf ("INSERT INTO \"%w\" VALUES (", table);
  g_string_append (sql, quoted);
  sqlite3_free (quoted);
  for (int i = 0; i < n; i++)
    g_string_append (sql, i > 0 ? ", ?" : "?");
  g_string_append (sql, ")");
  if (sqlite3_prepare_v2 (to, sql->str, -1, &insert, NULL) != SQLITE_OK)
    goto sql_error;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      for (int i = 0; i < n; i++)
        sqlite3_bind_value (insert, i + 1, sqlite3_column_value (select, i));
      if (sqlite3_step (insert) != SQLITE_DONE)
        goto sql_error;
      sqlite3_reset (insert);
    }
  if (rc != SQLITE_DONE)
    goto sql_error;
  return TRUE;

sql_error:
  g_set_error (error, WM_EXTRACT_ERROR, WM_EXTRACT_ERROR_NO_MEMORY,
               _("The extract's table “%s” could not be kept in memory (%s) — close other programs and "
                 "open the extract again"), table, sqlite3_errmsg (to));
  return FALSE;
}

/**
 * wm_extract_keep_tables:
 * @tables: (array zero-terminated=1): the tables of the pseudonymised
 *   database to keep; every other one is dropped from memory
 *
 * Shrinks the decrypted database to @tables. The handle of
 * wm_extract_get_db() changes: get it again afterwards, and finalize every
 * statement on the old one before calling. On failure nothing changes.
 */
gboolean
wm_extract_keep_tables (WmExtract           *self,
                        const char * const  *tables,
                        GError             **error)
{
  sqlite3 *db = wm_extract_get_db (self);
  sqlite3 *small = NULL;
  sqlite3_int64 size = 0;
  unsigned char *image = NULL;
  guint8 *kept = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (WM_IS_EXTRACT (self), FALSE);
  g_return_val_if_fail (db != NULL, FALSE);

  if (sqlite3_open_v2 (":memory:", &small, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, WM_EXTRACT_ERROR, WM_EXTRACT_ERROR_NO_MEMORY,
                   _("%s: no memory to keep the extract's tables — close other programs and try again"),
                   wm_extract_get_path (self));
      goto out;
    }
  sqlite3_exec (small, "PRAGMA journal_mode = OFF; PRAGMA temp_store = MEMORY; BEGIN", NULL, NULL, NULL);
  for (const char * const *t = tables; *t != NULL; t++)
    if (!copy_table (db, small, *t, error))
      goto out;
  sqlite3_exec (small, "COMMIT", NULL, NULL, NULL);

  image = sqlite3_serialize (small, "main", &size, 0);
  if (image == NULL)
    {
      g_set_error (error, WM_EXTRACT_ERROR, WM_EXTRACT_ERROR_NO_MEMORY,
                   _("%s: no memory to keep the extract's tables — close other programs and try again"),
                   wm_extract_get_path (self));
      goto out;
    }
  kept = wm_extract_plain_alloc (size, wm_extract_get_path (self), error);
  if (kept == NULL)
    goto out;
  memcpy (kept, image, size);
  ok = wm_extract_replace_data (self, kept, size, error);
  if (ok)
    kept = NULL;

out:
  if (image != NULL)
    {
      sodium_memzero (image, size);
      sqlite3_free (image);
    }
  if (kept != NULL)
    wm_extract_plain_free (kept, size);
  /* SQLite's own pages of the copy are freed, not zeroed: they hold what the
   * image keeps (areas, services), no microdata. */
  sqlite3_close (small);
  return ok;
}
