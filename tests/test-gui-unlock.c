/* test-gui-unlock.c — opening an extract: right, wrong passphrase, damaged file
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gstdio.h>

#include "wm-application.h"
#include "wm-schema.h"
#include "wm-service-marker.h"
#include "wm-test-gui.h"
#include "wm-test-util.h"
#include "wm-unlock-dialog.h"
#include "wm-window.h"

#define ANALYST "fiume-lento-ponte"
#define CASEWORKER "quercia-vento-sale"

static WmApplication *app;
static char *dir;
static char *extract_path;

static GBytes *
database (gboolean identities)
{
  sqlite3 *db = NULL;
  GBytes *bytes;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  if (identities)
    g_assert_true (wm_schema_create_identity (db, "main", NULL));
  else
    {
      g_assert_true (wm_schema_create (db, NULL));
      g_assert_cmpint (sqlite3_exec (db,
        "INSERT INTO meta VALUES ('municipality_name', 'Povo (Trento)'), ('first_year', '2015'),"
        "  ('last_year', '2024');"
        "INSERT INTO service_site (id, name, user_area, address, lon, lat) VALUES"
        "  (1, 'Centro diurno anziani', 'ELD', 'Piazza Manci 5', 11.1556, 46.0662),"
        "  (2, 'Sportello famiglie', 'FAM', 'Via Salè 2', 11.1610, 46.0650);",
        NULL, NULL, NULL), ==, SQLITE_OK);
    }
  bytes = wm_extract_serialize_db (db, "main", NULL);
  g_assert_nonnull (bytes);
  sqlite3_close (db);
  return bytes;
}

static void
make_extract (void)
{
  g_autoptr(GBytes) data = database (FALSE);
  g_autoptr(GBytes) ids = database (TRUE);
  g_autoptr(GError) error = NULL;
  WmExtractSlotSpec slots[] = {
    { WM_EXTRACT_ROLE_ANALYST, ANALYST },
    { WM_EXTRACT_ROLE_CASEWORKER, CASEWORKER },
  };

  g_assert_true (wm_extract_create (extract_path, data, ids, slots, G_N_ELEMENTS (slots), NULL,
                                    WM_EXTRACT_KDF_INTERACTIVE, NULL, &error));
  g_assert_no_error (error);
}

static void
wait_for (WmUnlockDialog *dialog, WmUnlockState state)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (wm_unlock_dialog_get_state (dialog) != state && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (wm_unlock_dialog_get_state (dialog), ==, state);
}

static void
test_right_passphrase (void)
{
  WmWindow *window = wm_window_new (app);
  g_autoptr(GFile) file = g_file_new_for_path (extract_path);
  WmUnlockDialog *dialog;
  GList *markers;

  gtk_window_present (GTK_WINDOW (window));
  dialog = g_object_ref (WM_UNLOCK_DIALOG (wm_window_open_file (window, file)));
  wm_test_gui_spin (100);
  wm_test_gui_snapshot (GTK_WIDGET (dialog), "unlock-asking");
  wm_unlock_dialog_set_passphrase (dialog, ANALYST);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "unlock.unlock", NULL));
  wait_for (dialog, WM_UNLOCK_STATE_UNLOCKED);
  wm_test_gui_spin (100);

  g_assert_nonnull (wm_window_get_extract (window));
  g_assert_cmpint (wm_extract_get_role (wm_window_get_extract (window)), ==, WM_EXTRACT_ROLE_ANALYST);
  /* The extract's service sites are on the map. */
  markers = shumate_marker_layer_get_markers (wm_service_overlay_get_layer (wm_window_get_service_overlay (window)));
  g_assert_cmpuint (g_list_length (markers), >=, 1);
  g_list_free (markers);
  wm_test_gui_snapshot (GTK_WIDGET (window), "unlock-opened-analyst");

  /* Closing forgets it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-extract", NULL));
  g_assert_null (wm_window_get_extract (window));
  g_object_unref (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_wrong_then_right (void)
{
  WmWindow *window = wm_window_new (app);
  g_autoptr(GFile) file = g_file_new_for_path (extract_path);
  WmUnlockDialog *dialog;

  gtk_window_present (GTK_WINDOW (window));
  dialog = g_object_ref (WM_UNLOCK_DIALOG (wm_window_open_file (window, file)));
  wm_unlock_dialog_set_passphrase (dialog, "not-the-passphrase");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "unlock.unlock", NULL));
  wait_for (dialog, WM_UNLOCK_STATE_RETRY);
  g_assert_error (wm_unlock_dialog_get_error (dialog), WM_EXTRACT_ERROR, WM_EXTRACT_ERROR_WRONG_PASSPHRASE);
  g_assert_null (wm_window_get_extract (window));
  wm_test_gui_spin (100);
  wm_test_gui_snapshot (GTK_WIDGET (dialog), "unlock-wrong-passphrase");

  /* Asked again, the right one opens it: as caseworker this time. */
  wm_unlock_dialog_set_passphrase (dialog, CASEWORKER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "unlock.unlock", NULL));
  wait_for (dialog, WM_UNLOCK_STATE_UNLOCKED);
  g_assert_cmpint (wm_extract_get_role (wm_window_get_extract (window)), ==, WM_EXTRACT_ROLE_CASEWORKER);
  g_object_unref (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_damaged (void)
{
  WmWindow *window = wm_window_new (app);
  g_autofree char *damaged = g_build_filename (dir, "damaged.wmx", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (damaged);
  WmUnlockDialog *dialog;
  gsize len;

  /* One byte flipped in the middle of the encrypted body. */
  g_assert_true (g_file_get_contents (extract_path, &contents, &len, NULL));
  contents[len / 2 + 17] ^= 0x40;
  wm_test_write_file (damaged, contents, len);

  gtk_window_present (GTK_WINDOW (window));
  dialog = g_object_ref (WM_UNLOCK_DIALOG (wm_window_open_file (window, file)));
  wm_unlock_dialog_set_passphrase (dialog, ANALYST);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "unlock.unlock", NULL));
  wait_for (dialog, WM_UNLOCK_STATE_FAILED);
  g_assert_error (wm_unlock_dialog_get_error (dialog), WM_EXTRACT_ERROR, WM_EXTRACT_ERROR_DAMAGED);
  g_assert_nonnull (strstr (wm_unlock_dialog_get_error (dialog)->message, "damaged.wmx"));
  /* No retry is offered: no passphrase would help. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "unlock.unlock", NULL) &&
                  wm_unlock_dialog_get_state (dialog) == WM_UNLOCK_STATE_WORKING);
  g_assert_null (wm_window_get_extract (window));
  wm_test_gui_spin (100);
  wm_test_gui_snapshot (GTK_WIDGET (dialog), "unlock-damaged");
  g_object_unref (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  int rc;

  wm_test_gui_init (&argc, &argv);
  app = wm_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  dir = wm_test_tmpdir ();
  extract_path = g_build_filename (dir, "povo-test.wmx", NULL);
  make_extract ();

  g_test_add_func ("/gui/unlock/right-passphrase", test_right_passphrase);
  g_test_add_func ("/gui/unlock/wrong-then-right", test_wrong_then_right);
  g_test_add_func ("/gui/unlock/damaged", test_damaged);

  rc = g_test_run ();
  wm_test_rmdir (dir);
  g_free (dir);
  g_free (extract_path);
  g_object_unref (app);
  return rc;
}
