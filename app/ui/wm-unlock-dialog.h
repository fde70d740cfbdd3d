/* wm-unlock-dialog.h — asks for an extract's passphrase and opens it
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <adwaita.h>

#include "wm-extract.h"

G_BEGIN_DECLS

typedef enum {
  WM_UNLOCK_STATE_ASKING,      /* waiting for a passphrase */
  WM_UNLOCK_STATE_WORKING,     /* deriving the key, decrypting */
  WM_UNLOCK_STATE_RETRY,       /* wrong passphrase: asking again */
  WM_UNLOCK_STATE_FAILED,      /* the file cannot be opened with any passphrase */
  WM_UNLOCK_STATE_UNLOCKED,
} WmUnlockState;

#define WM_TYPE_UNLOCK_DIALOG (wm_unlock_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WmUnlockDialog, wm_unlock_dialog, WM, UNLOCK_DIALOG, AdwWindow)

WmUnlockDialog *wm_unlock_dialog_new            (GtkWindow      *parent,
                                                 GFile          *file);
GFile          *wm_unlock_dialog_get_file       (WmUnlockDialog *self);
WmUnlockState   wm_unlock_dialog_get_state      (WmUnlockDialog *self);
const GError   *wm_unlock_dialog_get_error      (WmUnlockDialog *self);
void            wm_unlock_dialog_set_passphrase (WmUnlockDialog *self,
                                                 const char     *passphrase);

G_END_DECLS
