/* wm-importer-extract.c — the imported databases, encrypted into an extract
 *
 * The one place the importer's plaintext leaves its in-memory databases:
 * serialized to memory (zeroed when freed) and handed to the extract
 * writer, which encrypts them into a temporary file next to @path and
 * renames it over: an interrupted build leaves no partial extract.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-importer-private.h"

/**
 * wm_importer_write_extract:
 * @analyst_passphrase: opens the pseudonymised data
 * @caseworker_passphrase: opens it and the identities; must differ from
 *   @analyst_passphrase
 * @expiry: (nullable): the day the extract stops opening
 * @kdf: WM_EXTRACT_KDF_MODERATE except in tests and the demo build
 *
 * After a successful wm_importer_run(): writes both databases into a new
 * extract at @path with one key slot per role.
 */
gboolean
wm_importer_write_extract (WmImporter         *self,
                           const char         *path,
                           const char         *analyst_passphrase,
                           const char         *caseworker_passphrase,
                           GDateTime          *expiry,
                           WmExtractKdfLevel   kdf,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) identities = NULL;
  WmExtractSlotSpec slots[] = {
    { WM_EXTRACT_ROLE_CASEWORKER, caseworker_passphrase },
    { WM_EXTRACT_ROLE_ANALYST, analyst_passphrase },
  };

  g_return_val_if_fail (WM_IS_IMPORTER (self), FALSE);
  g_return_val_if_fail (self->done, FALSE);

  if (g_strcmp0 (analyst_passphrase, caseworker_passphrase) == 0)
    {
      g_set_error (error, WM_IMPORTER_ERROR, WM_IMPORTER_ERROR_FAILED,
                   _("%s: the analyst and caseworker passphrases are the same — an analyst could then read the "
                     "identities; choose two different ones"), path);
      return FALSE;
    }
  data = wm_extract_serialize_db (self->db, "main", error);
  if (data == NULL)
    return FALSE;
  identities = wm_extract_serialize_db (self->idb, "main", error);
  if (identities == NULL)
    return FALSE;
  return wm_extract_create (path, data, identities, slots, G_N_ELEMENTS (slots), expiry, kdf, cancellable, error);
}
