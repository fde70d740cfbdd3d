/* wm-cli-extract.c — `welfaremap extract create|info|verify|add-slot|remove-slot|rekey`
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "wm-cli.h"
#include "wm-cli-build.h"
#include "wm-cli-extract.h"
#include "wm-cli-passphrase.h"
#include "wm-extract.h"

typedef struct {
  const char *name;
  const char *summary;
  int       (*run) (int argc, char **argv);
} Subcommand;

/* --kdf is for tests and the demo build only, so it is hidden. */
static char *kdf_name;

#define KDF_OPTION \
  { "kdf", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &kdf_name, NULL, NULL }

static gboolean
parse_kdf (WmExtractKdfLevel *kdf)
{
  if (kdf_name == NULL || g_str_equal (kdf_name, "moderate"))
    *kdf = WM_EXTRACT_KDF_MODERATE;
  else if (g_str_equal (kdf_name, "interactive"))
    *kdf = WM_EXTRACT_KDF_INTERACTIVE;
  else
    return FALSE;
  return TRUE;
}

static void
clear_kdf (void)
{
  g_clear_pointer (&kdf_name, g_free);
}

/* Parses the options of a subcommand that takes exactly one FILE. */
static int
parse_one_file (GOptionContext  *context,
                int             *argc,
                char          ***argv,
                const char     **path)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    return wm_cli_usage_error (context, error->message);
  if (*argc != 2)
    return wm_cli_usage_error (context, *argc < 2 ? _("name the extract file") : _("name one extract file"));
  *path = (*argv)[1];
  return WM_CLI_EXIT_OK;
}

static gboolean
parse_role (const char     *text,
            WmExtractRole  *role)
{
  return text != NULL && wm_extract_role_from_string (text, role);
}

static int
run_create (int    argc,
            char **argv)
{
  g_autofree char *db = NULL, *identity_db = NULL, *out = NULL, *role_name = NULL;
  g_autofree char *expires = NULL, *passphrase_file = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The pseudonymised SQLite database to encrypt"), N_("FILE") },
    { "identity-db", 0, 0, G_OPTION_ARG_FILENAME, &identity_db,
      N_("The identities database (only caseworker passphrases open it)"), N_("FILE") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The extract to write (.wmx)"), N_("FILE") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_name, N_("The passphrase's role: analyst or caseworker"), N_("ROLE") },
    { "expires", 0, 0, G_OPTION_ARG_STRING, &expires,
      N_("The day from which the extract no longer opens"), N_("YYYY-MM-DD") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace FILE if it exists"), NULL },
    WM_CLI_PASSPHRASE_FILE_OPTION (passphrase_file),
    KDF_OPTION,
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— encrypt a database into an extract"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) identities = NULL;
  g_autoptr(GDateTime) expiry = NULL;
  g_autoptr(WmCliPassphrase) passphrase = NULL;
  WmExtractSlotSpec slot;
  WmExtractKdfLevel kdf;
  WmExtractRole role;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return wm_cli_usage_error (context, error->message);
  if (argc != 1)
    return wm_cli_usage_error (context, _("unexpected argument; give the files with --db and --out"));
  if (db == NULL || out == NULL || role_name == NULL)
    return wm_cli_usage_error (context, _("--db, --out and --role are required"));
  if (!parse_role (role_name, &role))
    return wm_cli_usage_error (context, _("--role must be analyst or caseworker"));
  if (!parse_kdf (&kdf))
    return wm_cli_usage_error (context, _("--kdf must be moderate or interactive"));
  if (expires != NULL)
    {
      g_autofree char *iso = g_strdup_printf ("%sT00:00:00", expires);
      g_autoptr(GDateTime) today = g_date_time_new_now_local ();
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();

      expiry = strlen (expires) == 10 ? g_date_time_new_from_iso8601 (iso, local) : NULL;
      if (expiry == NULL)
        return wm_cli_usage_error (context, _("--expires needs a date as YYYY-MM-DD"));
      if (g_date_time_compare (expiry, today) <= 0)
        return wm_cli_usage_error (context, _("--expires must be a day after today"));
    }
  if (identity_db != NULL && role != WM_EXTRACT_ROLE_CASEWORKER)
    {
      g_autofree char *display = g_filename_display_name (out);
      fprintf (stderr, _("welfaremap: %s: only a caseworker passphrase can open the identities — "
                         "use --role caseworker, or leave out --identity-db\n"), display);
      return WM_CLI_EXIT_FAILED;
    }
  if (!force && g_file_test (out, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (out);
      fprintf (stderr, _("welfaremap: %s: the file already exists — choose another name, or add --force to replace it\n"),
               display);
      return WM_CLI_EXIT_FAILED;
    }

  data = wm_extract_serialize_file (db, &error);
  if (data == NULL)
    return wm_cli_fail (error);
  if (identity_db != NULL)
    {
      identities = wm_extract_serialize_file (identity_db, &error);
      if (identities == NULL)
        return wm_cli_fail (error);
    }
  passphrase = wm_cli_passphrase_read (WM_CLI_PASSPHRASE_CHOOSE, passphrase_file, out, &error);
  if (passphrase == NULL)
    return wm_cli_fail (error);
  slot.role = role;
  slot.passphrase = passphrase;
  if (!wm_extract_create (out, data, identities, &slot, 1, expiry, kdf, NULL, &error))
    return wm_cli_fail (error);
  printf (_("%s: extract created, one %s passphrase\n"), out, wm_extract_role_to_string (role));
  return WM_CLI_EXIT_OK;
}

static char *
format_day (GDateTime *day)
{
  return day != NULL ? g_date_time_format (day, "%Y-%m-%d") : g_strdup (_("never"));
}

/**
 * wm_cli_extract_describe:
 *
 * Prints what the header of @path says, without a passphrase. When the
 * header is damaged or the file incomplete, prints what it can, then the
 * reason on stderr.
 *
 * Returns: the exit code
 */
int
wm_cli_extract_describe (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmExtractInfo) info = wm_extract_info_read (path, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *size = NULL, *data = NULL, *created = NULL, *expires = NULL;

  if (info == NULL)
    return wm_cli_fail (error);

  size = g_format_size_full (info->file_size, G_FORMAT_SIZE_LONG_FORMAT);
  data = g_format_size_full (info->data_size, G_FORMAT_SIZE_LONG_FORMAT);
  created = info->created != NULL ? g_date_time_format (info->created, "%Y-%m-%d %H:%M") : g_strdup ("—");
  expires = format_day (info->expiry);
  printf ("%s\n", path);
  printf (_("  kind:        encrypted extract, format %u\n"), info->version);
  printf (_("  size:        %s\n"), size);
  printf (_("  created:     %s\n"), created);
  if (info->expiry != NULL && g_date_time_compare (info->expiry, now) <= 0)
    printf (_("  expires:     %s — expired: it no longer opens\n"), expires);
  else
    printf (_("  expires:     %s\n"), expires);
  printf (_("  data:        pseudonymised, %s\n"), data);
  if (info->has_identities)
    {
      g_autofree char *ids = g_format_size_full (info->identity_size, G_FORMAT_SIZE_LONG_FORMAT);
      printf (_("  identities:  caseworkers only, %s\n"), ids);
    }
  else
    printf (_("  identities:  none\n"));
  printf (_("  blocks:      %u bytes\n"), info->chunk_size);
  printf (_("  passphrases: %u\n"), info->n_slots);
  for (guint i = 0; i < info->n_slots; i++)
    {
      guint64 kib = info->slots[i].kdf_memlimit / 1024;
      g_autofree char *memory = kib % 1024 == 0 ? g_strdup_printf ("%" G_GUINT64_FORMAT " MiB", kib / 1024)
                                                : g_strdup_printf ("%" G_GUINT64_FORMAT " KiB", kib);

      printf (_("    slot %u:    %s (Argon2id, %u passes, %s)\n"), i + 1,
              wm_extract_role_to_string (info->slots[i].role), info->slots[i].kdf_opslimit, memory);
    }
  if (info->problem != NULL)
    {
      printf (_("  (the values above are what the header says; it cannot be trusted)\n"));
      fflush (stdout);
      return wm_cli_fail (info->problem);
    }
  return WM_CLI_EXIT_OK;
}

static int
run_info (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE… — describe extracts (no passphrase needed)"));
  g_autoptr(GError) error = NULL;
  int rc = WM_CLI_EXIT_OK;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return wm_cli_usage_error (context, error->message);
  if (argc < 2)
    return wm_cli_usage_error (context, _("name at least one extract file"));
  for (int i = 1; i < argc; i++)
    if (wm_cli_extract_describe (argv[i]) != WM_CLI_EXIT_OK)
      rc = WM_CLI_EXIT_FAILED;
  return rc;
}

static int
run_verify (int    argc,
            char **argv)
{
  g_autofree char *passphrase_file = NULL;
  GOptionEntry entries[] = {
    WM_CLI_PASSPHRASE_FILE_OPTION (passphrase_file),
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — read and check every byte the passphrase can open"));
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCliPassphrase) passphrase = NULL;
  g_autoptr(WmExtractInfo) info = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *path;
  WmExtractRole role;
  gboolean identities = FALSE;
  int rc;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = parse_one_file (context, &argc, &argv, &path)) != WM_CLI_EXIT_OK)
    return rc;
  info = wm_extract_info_read (path, &error);
  if (info == NULL)
    return wm_cli_fail (error);
  if (info->problem != NULL)
    return wm_cli_fail (info->problem);
  passphrase = wm_cli_passphrase_read (WM_CLI_PASSPHRASE_OPEN, passphrase_file, path, &error);
  if (passphrase == NULL)
    return wm_cli_fail (error);
  if (!wm_extract_verify (path, passphrase, &role, &identities, NULL, &error))
    return wm_cli_fail (error);

  printf (_("%s: intact — every block decrypts and authenticates, the databases pass SQLite's check\n"), path);
  printf (_("  passphrase:  %s\n"), wm_extract_role_to_string (role));
  if (info->has_identities && !identities)
    printf (_("  identities:  not checked (an analyst passphrase cannot open them)\n"));
  else if (info->has_identities)
    printf (_("  identities:  checked\n"));
  if (info->expiry != NULL && g_date_time_compare (info->expiry, now) <= 0)
    {
      g_autofree char *day = format_day (info->expiry);
      printf (_("  note:        it expired on %s and no longer opens in WelfareMap\n"), day);
    }
  return WM_CLI_EXIT_OK;
}

/* The passphrase that authorises a change, then the one being set. */
static gboolean
read_two_passphrases (const char        *passphrase_file,
                      const char        *new_passphrase_file,
                      const char        *path,
                      WmCliPassphrase  **passphrase,
                      WmCliPassphrase  **new_passphrase,
                      GError           **error)
{
  *passphrase = wm_cli_passphrase_read (WM_CLI_PASSPHRASE_OPEN, passphrase_file, path, error);
  if (*passphrase == NULL)
    return FALSE;
  *new_passphrase = wm_cli_passphrase_read (WM_CLI_PASSPHRASE_CHOOSE_NEW, new_passphrase_file, path, error);
  return *new_passphrase != NULL;
}

static int
run_add_slot (int    argc,
              char **argv)
{
  g_autofree char *passphrase_file = NULL, *new_passphrase_file = NULL, *role_name = NULL;
  GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_name, N_("The new passphrase's role: analyst or caseworker"), N_("ROLE") },
    WM_CLI_PASSPHRASE_FILE_OPTION (passphrase_file),
    WM_CLI_NEW_PASSPHRASE_FILE_OPTION (new_passphrase_file),
    KDF_OPTION,
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — add a passphrase"));
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCliPassphrase) passphrase = NULL;
  g_autoptr(WmCliPassphrase) new_passphrase = NULL;
  g_autoptr(WmExtractInfo) info = NULL;
  WmExtractKdfLevel kdf;
  WmExtractRole role;
  const char *path;
  int rc;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = parse_one_file (context, &argc, &argv, &path)) != WM_CLI_EXIT_OK)
    return rc;
  if (!parse_role (role_name, &role))
    return wm_cli_usage_error (context, _("--role must be analyst or caseworker"));
  if (!parse_kdf (&kdf))
    return wm_cli_usage_error (context, _("--kdf must be moderate or interactive"));
  if (!read_two_passphrases (passphrase_file, new_passphrase_file, path, &passphrase, &new_passphrase, &error))
    return wm_cli_fail (error);
  if (!wm_extract_add_slot (path, passphrase, role, new_passphrase, kdf, NULL, &error))
    return wm_cli_fail (error);
  info = wm_extract_info_read (path, NULL);
  printf (_("%s: added slot %u, %s\n"), path, info != NULL ? info->n_slots : 0, wm_extract_role_to_string (role));
  return WM_CLI_EXIT_OK;
}

static int
run_remove_slot (int    argc,
                 char **argv)
{
  g_autofree char *passphrase_file = NULL;
  int slot = 0;
  GOptionEntry entries[] = {
    { "slot", 0, 0, G_OPTION_ARG_INT, &slot, N_("The slot to remove, as “extract info” numbers them"), N_("N") },
    WM_CLI_PASSPHRASE_FILE_OPTION (passphrase_file),
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — remove a passphrase"));
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCliPassphrase) passphrase = NULL;
  const char *path;
  int rc;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((rc = parse_one_file (context, &argc, &argv, &path)) != WM_CLI_EXIT_OK)
    return rc;
  if (slot < 1 || slot > WM_EXTRACT_MAX_SLOTS)
    return wm_cli_usage_error (context, _("--slot needs a slot number from 1 to 8"));
  passphrase = wm_cli_passphrase_read (WM_CLI_PASSPHRASE_OPEN, passphrase_file, path, &error);
  if (passphrase == NULL)
    return wm_cli_fail (error);
  if (!wm_extract_remove_slot (path, passphrase, slot - 1, NULL, &error))
    return wm_cli_fail (error);
  printf (_("%s: removed slot %d\n"), path, slot);
  return WM_CLI_EXIT_OK;
}

static int
run_rekey (int    argc,
           char **argv)
{
  g_autofree char *passphrase_file = NULL, *new_passphrase_file = NULL;
  GOptionEntry entries[] = {
    WM_CLI_PASSPHRASE_FILE_OPTION (passphrase_file),
    WM_CLI_NEW_PASSPHRASE_FILE_OPTION (new_passphrase_file),
    KDF_OPTION,
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE — encrypt again under new keys, with one new passphrase"));
  g_autoptr(GError) error = NULL;
  g_autoptr(WmCliPassphrase) passphrase = NULL;
  g_autoptr(WmCliPassphrase) new_passphrase = NULL;
  WmExtractKdfLevel kdf;
  const char *path;
  guint dropped = 0;
  int rc;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Every other passphrase stops working; add them again with “welfaremap extract add-slot”."));
  if ((rc = parse_one_file (context, &argc, &argv, &path)) != WM_CLI_EXIT_OK)
    return rc;
  if (!parse_kdf (&kdf))
    return wm_cli_usage_error (context, _("--kdf must be moderate or interactive"));
  if (!read_two_passphrases (passphrase_file, new_passphrase_file, path, &passphrase, &new_passphrase, &error))
    return wm_cli_fail (error);
  if (!wm_extract_rekey (path, passphrase, new_passphrase, kdf, &dropped, NULL, &error))
    return wm_cli_fail (error);
  printf (g_dngettext (GETTEXT_PACKAGE,
                       "%s: new keys, one passphrase; %u other passphrase removed\n",
                       "%s: new keys, one passphrase; %u other passphrases removed\n", dropped),
          path, dropped);
  return WM_CLI_EXIT_OK;
}

static const Subcommand subcommands[] = {
  { "build",       N_("Import a municipality's source files into a new extract"), wm_cli_extract_build },
  { "create",      N_("Encrypt a database into a new extract"), run_create },
  { "info",        N_("Describe an extract from its header (no passphrase)"), run_info },
  { "verify",      N_("Read and check everything a passphrase can open"), run_verify },
  { "add-slot",    N_("Add a passphrase"), run_add_slot },
  { "remove-slot", N_("Remove a passphrase"), run_remove_slot },
  { "rekey",       N_("Encrypt again under new keys, leaving one new passphrase"), run_rekey },
};

static void
print_subcommands (FILE *out)
{
  fprintf (out, _("Usage:\n  welfaremap extract SUBCOMMAND [OPTION…] FILE\n\nSubcommands:\n"));
  for (gsize i = 0; i < G_N_ELEMENTS (subcommands); i++)
    fprintf (out, "  %-12s %s\n", subcommands[i].name, _(subcommands[i].summary));
  fprintf (out, _("\nPassphrases come from --passphrase-file FILE, the WELFAREMAP_PASSPHRASE variable or "
                  "the terminal;\na second, new one from --new-passphrase-file FILE or WELFAREMAP_NEW_PASSPHRASE.\n"));
}

/* `welfaremap extract SUBCOMMAND …` */
int
wm_cli_extract (int    argc,
                char **argv)
{
  g_autofree char *prog = NULL;
  char *saved;
  int rc;

  if (argc < 2)
    {
      fprintf (stderr, _("welfaremap extract: name a subcommand\n\n"));
      print_subcommands (stderr);
      return WM_CLI_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_subcommands (stdout);
      return WM_CLI_EXIT_OK;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      {
        prog = g_strdup_printf ("welfaremap extract %s", subcommands[i].name);
        saved = argv[1];
        argv[1] = prog;
        rc = subcommands[i].run (argc - 1, argv + 1);
        argv[1] = saved;
        clear_kdf ();
        return rc;
      }
  fprintf (stderr, _("welfaremap extract: unknown subcommand “%s”\n\n"), argv[1]);
  print_subcommands (stderr);
  return WM_CLI_EXIT_USAGE;
}
