/* wm-extract.c — an open extract: its role and its database in memory
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "wm-extract-private.h"

struct _WmExtract
{
  GObject parent_instance;

  /* Guards content and db: wm_extract_close() may come from any thread. */
  GMutex lock;
  WmExtractContent *content;
  sqlite3 *db;

  char *path;
  WmExtractRole role;
  guint slot;
  gboolean has_identities;
  GDateTime *expiry;
};

G_DEFINE_FINAL_TYPE (WmExtract, wm_extract, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (WmExtractRole, wm_extract_role,
  G_DEFINE_ENUM_VALUE (WM_EXTRACT_ROLE_ANALYST, "analyst"),
  G_DEFINE_ENUM_VALUE (WM_EXTRACT_ROLE_CASEWORKER, "caseworker"))

enum {
  PROP_0,
  PROP_PATH,
  PROP_ROLE,
  PROP_SLOT,
  PROP_HAS_IDENTITIES,
  PROP_EXPIRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_extract_finalize (GObject *object)
{
  WmExtract *self = WM_EXTRACT (object);

  wm_extract_close (self);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  g_clear_pointer (&self->expiry, g_date_time_unref);

  G_OBJECT_CLASS (wm_extract_parent_class)->finalize (object);
}

static void
wm_extract_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WmExtract *self = WM_EXTRACT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;
    case PROP_SLOT:
      g_value_set_uint (value, self->slot);
      break;
    case PROP_HAS_IDENTITIES:
      g_value_set_boolean (value, self->has_identities);
      break;
    case PROP_EXPIRY:
      g_value_set_boxed (value, self->expiry);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_extract_class_init (WmExtractClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_extract_finalize;
  object_class->get_property = wm_extract_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL, WM_TYPE_EXTRACT_ROLE, WM_EXTRACT_ROLE_ANALYST,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SLOT] =
    g_param_spec_uint ("slot", NULL, NULL, 0, WM_EXTRACT_MAX_SLOTS - 1, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_IDENTITIES] =
    g_param_spec_boolean ("has-identities", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPIRY] =
    g_param_spec_boxed ("expiry", NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_extract_init (WmExtract *self)
{
  g_mutex_init (&self->lock);
}

static gboolean
attach_identities (WmExtract  *self,
                   GError    **error)
{
  WmExtractContent *c = self->content;

  sqlite3_limit (self->db, SQLITE_LIMIT_ATTACHED, 1);
  if (!wm_extract_sqlite_attach (self->db, "identity", c->identities, c->identity_size, self->path, error))
    {
      sqlite3_exec (self->db, "DETACH identity", NULL, NULL, NULL);
      sqlite3_limit (self->db, SQLITE_LIMIT_ATTACHED, 0);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_up_database (WmExtract  *self,
                 GError    **error)
{
  WmExtractContent *c = self->content;
  char *sql;
  int rc;

  rc = sqlite3_open_v2 (":memory:", &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    return wm_extract_fail (error, WM_EXTRACT_ERROR_NO_MEMORY, self->path,
                            _("the database could not be opened in memory (%s) — "
                              "close other programs and try again"),
                            sqlite3_errstr (rc));
  /* Before deserializing: each schema opened afterwards inherits mmap_size. */
  sql = sqlite3_mprintf ("PRAGMA temp_store = MEMORY; PRAGMA mmap_size = %lld",
                         (long long) MAX (c->data_size, c->header.identity_size));
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  sqlite3_free (sql);

  if (!wm_extract_sqlite_attach (self->db, "main", c->data, c->data_size, self->path, error))
    return FALSE;
  /* Nothing else may be attached: an attached file is a way for plaintext
   * to reach the disk. */
  sqlite3_limit (self->db, SQLITE_LIMIT_ATTACHED, 0);
  return c->identities == NULL || attach_identities (self, error);
}

/**
 * wm_extract_open_full:
 *
 * wm_extract_open() with the internal options (keys instead of a
 * passphrase, a date for "today", progress).
 */
WmExtract *
wm_extract_open_full (const char                  *path,
                      const char                  *passphrase,
                      const WmExtractReadOptions  *options,
                      GCancellable                *cancellable,
                      GError                     **error)
{
  g_autoptr(WmExtract) self = NULL;
  WmExtractContent *content;
  WmExtractHeader *h;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (options == NULL || !options->verify_only, NULL);

  content = wm_extract_read (path, passphrase, options, cancellable, error);
  if (content == NULL)
    return NULL;
  self = g_object_new (WM_TYPE_EXTRACT, NULL);
  self->content = content;
  self->path = g_strdup (path);
  self->role = content->keys->role;
  self->slot = content->keys->slot;
  self->has_identities = content->identities_read;
  h = &content->header;
  if (h->expiry_year != 0)
    self->expiry = g_date_time_new_local (h->expiry_year, h->expiry_month, h->expiry_day, 0, 0, 0);
  if (!set_up_database (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * wm_extract_open:
 * @passphrase: UTF-8
 *
 * Opens the extract at @path with @passphrase, reading into memory the
 * data the passphrase's role may see. Takes about a second for the key
 * derivation (more when the extract has several passphrases and this one is
 * not the first), plus about 1 s per GB.
 *
 * Returns: (transfer full): the open extract, or %NULL with @error set:
 *   WM_EXTRACT_ERROR_WRONG_PASSPHRASE, _DAMAGED, _TRUNCATED, _EXPIRED, …
 */
WmExtract *
wm_extract_open (const char    *path,
                 const char    *passphrase,
                 GCancellable  *cancellable,
                 GError       **error)
{
  WmExtractReadOptions options = { .identities_on_demand = TRUE };

  return wm_extract_open_full (path, passphrase, &options, cancellable, error);
}

static gboolean
quick_check (WmExtract   *self,
             const char  *schema,
             GError     **error)
{
  g_autofree char *result = NULL;
  sqlite3_stmt *stmt = NULL;
  char *sql = sqlite3_mprintf ("PRAGMA \"%w\".quick_check(1)", schema);
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  sqlite3_free (sql);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_autofree char *reason =
        g_strdup_printf (_("its database fails SQLite's check: %s"),
                         result != NULL ? result : sqlite3_errmsg (self->db));
      return wm_extract_fail_damaged (error, self->path, reason);
    }
  return TRUE;
}

/**
 * wm_extract_verify:
 * @role: (out) (optional): the role @passphrase gives
 * @identities_checked: (out) (optional): whether the identities were
 *   checked too (only a caseworker can)
 *
 * Reads and authenticates every byte @passphrase's role may read, and runs
 * SQLite's quick_check on the databases. Works on an expired extract too:
 * it shows no data.
 */
gboolean
wm_extract_verify (const char    *path,
                   const char    *passphrase,
                   WmExtractRole *role,
                   gboolean      *identities_checked,
                   GCancellable  *cancellable,
                   GError       **error)
{
  WmExtractReadOptions options = { .allow_expired = TRUE };
  g_autoptr(WmExtract) self = wm_extract_open_full (path, passphrase, &options, cancellable, error);

  if (self == NULL)
    return FALSE;
  if (!quick_check (self, "main", error) ||
      (self->has_identities && !quick_check (self, "identity", error)))
    return FALSE;
  if (role != NULL)
    *role = self->role;
  if (identities_checked != NULL)
    *identities_checked = self->has_identities;
  return TRUE;
}

/* Progress from the worker thread, delivered in the caller's main context. */
typedef struct {
  GMainContext *context;
  WmExtractProgressFunc func;
  gpointer data;
  GDestroyNotify destroy;
} Relay;

typedef struct {
  Relay *relay;
  WmExtractPhase phase;
  double fraction;
} RelayEvent;

static gboolean
relay_destroy_in_context (gpointer user_data)
{
  Relay *copy = user_data;

  copy->destroy (copy->data);
  g_main_context_unref (copy->context);
  g_free (copy);
  return G_SOURCE_REMOVE;
}

/* The last reference may go in the worker thread; progress_data_free must
 * still run in the caller's context. */
static void
relay_clear (Relay *relay)
{
  Relay *copy = g_memdup2 (relay, sizeof *relay);

  if (copy->destroy != NULL)
    g_main_context_invoke (copy->context, relay_destroy_in_context, copy);
  else
    {
      g_main_context_unref (copy->context);
      g_free (copy);
    }
}

static void
relay_unref (Relay *relay)
{
  g_atomic_rc_box_release_full (relay, (GDestroyNotify) relay_clear);
}

static gboolean
relay_dispatch (gpointer user_data)
{
  RelayEvent *event = user_data;

  event->relay->func (event->phase, event->fraction, event->relay->data);
  return G_SOURCE_REMOVE;
}

static void
relay_event_free (gpointer user_data)
{
  RelayEvent *event = user_data;

  relay_unref (event->relay);
  g_free (event);
}

static void
relay_emit (WmExtractPhase phase,
            double         fraction,
            gpointer       user_data)
{
  Relay *relay = user_data;
  RelayEvent *event = g_new (RelayEvent, 1);

  event->relay = g_atomic_rc_box_acquire (relay);
  event->phase = phase;
  event->fraction = fraction;
  g_main_context_invoke_full (relay->context, G_PRIORITY_DEFAULT, relay_dispatch, event, relay_event_free);
}

typedef struct {
  char *path;
  char *passphrase;  /* sodium_malloc */
  Relay *relay;
} OpenData;

static void
open_data_free (gpointer user_data)
{
  OpenData *data = user_data;

  g_free (data->path);
  wm_extract_passphrase_free (data->passphrase);
  if (data->relay != NULL)
    relay_unref (data->relay);
  g_free (data);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  WmExtractReadOptions options = { .identities_on_demand = TRUE };
  GError *error = NULL;
  WmExtract *extract;

  if (data->relay != NULL)
    {
      options.progress = relay_emit;
      options.progress_data = data->relay;
    }
  extract = wm_extract_open_full (data->path, data->passphrase, &options, cancellable, &error);
  if (extract == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, extract, g_object_unref);
}

/**
 * wm_extract_open_async:
 * @progress: (nullable): called in the thread-default main context of the
 *   caller, before @callback
 * @progress_data_free: (nullable): frees @progress_data, in that context
 *
 * wm_extract_open() in a worker thread. Cancelling takes effect between
 * key slots and between blocks of data.
 */
void
wm_extract_open_async (const char            *path,
                       const char            *passphrase,
                       WmExtractProgressFunc  progress,
                       gpointer               progress_data,
                       GDestroyNotify         progress_data_free,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;
  gsize len;

  g_return_if_fail (path != NULL);
  g_return_if_fail (passphrase != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wm_extract_open_async);
  g_task_set_name (task, "[welfaremap] open extract");

  /* sodium_malloc() below needs libsodium ready: this can be the process's
   * first call into it (the GUI opens an extract before anything else). */
  {
    GError *error = NULL;

    if (!wm_extract_sodium_init (&error))
      {
        g_task_return_error (task, error);
        return;
      }
  }

  data = g_new0 (OpenData, 1);
  data->path = g_strdup (path);
  len = strlen (passphrase);
  data->passphrase = sodium_malloc (len + 1);
  g_assert (data->passphrase != NULL);
  memcpy (data->passphrase, passphrase, len + 1);
  if (progress != NULL)
    {
      data->relay = g_atomic_rc_box_new0 (Relay);
      data->relay->context = g_main_context_ref_thread_default ();
      data->relay->func = progress;
      data->relay->data = progress_data;
      data->relay->destroy = progress_data_free;
    }
  g_task_set_task_data (task, data, open_data_free);
  g_task_run_in_thread (task, open_thread);
}

WmExtract *
wm_extract_open_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wm_extract_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * wm_extract_replace_data:
 * @data: (transfer full): a new pseudonymised image, from wm_extract_plain_alloc()
 *
 * Reopens the database on @data, zeroing and freeing the old image. On
 * failure @data is not taken and the old image and database stay.
 */
gboolean
wm_extract_replace_data (WmExtract  *self,
                         guint8     *data,
                         guint64     size,
                         GError    **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  WmExtractContent *c = self->content;
  sqlite3 *old = self->db;
  guint8 *old_data;
  guint64 old_size;

  if (c == NULL || old == NULL)
    return wm_extract_fail (error, WM_EXTRACT_ERROR_INVALID, self->path, _("the extract is closed — open it again"));
  if (sqlite3_next_stmt (old, NULL) != NULL)
    return wm_extract_fail (error, WM_EXTRACT_ERROR_INVALID, self->path,
                            _("the extract is still being read — try again when it is done"));

  old_data = c->data;
  old_size = c->data_size;
  c->data = data;
  c->data_size = size;
  self->db = NULL;
  if (!set_up_database (self, error))
    {
      g_clear_pointer (&self->db, sqlite3_close);
      c->data = old_data;
      c->data_size = old_size;
      self->db = old;
      return FALSE;
    }
  sqlite3_close (old);
  wm_extract_plain_free (old_data, old_size);
  return TRUE;
}

/**
 * wm_extract_close:
 *
 * Closes the database and zeroes the plaintext and the keys. Finalize any
 * statement on wm_extract_get_db() first; those left are finalized here.
 * Later calls do nothing; wm_extract_get_db() then returns %NULL.
 */
void
wm_extract_close (WmExtract *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (WM_IS_EXTRACT (self));

  locker = g_mutex_locker_new (&self->lock);
  if (self->db != NULL)
    {
      sqlite3_stmt *stmt;

      while ((stmt = sqlite3_next_stmt (self->db, NULL)) != NULL)
        {
          g_critical ("An extract was closed with statements still open on it; they were finalized.");
          sqlite3_finalize (stmt);
        }
      sqlite3_close (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->content, wm_extract_content_free);
}

const char *
wm_extract_get_path (WmExtract *self)
{
  g_return_val_if_fail (WM_IS_EXTRACT (self), NULL);
  return self->path;
}

WmExtractRole
wm_extract_get_role (WmExtract *self)
{
  g_return_val_if_fail (WM_IS_EXTRACT (self), WM_EXTRACT_ROLE_ANALYST);
  return self->role;
}

/**
 * wm_extract_get_slot:
 *
 * Returns: the 0-based key slot the passphrase opened
 */
guint
wm_extract_get_slot (WmExtract *self)
{
  g_return_val_if_fail (WM_IS_EXTRACT (self), 0);
  return self->slot;
}

/**
 * wm_extract_get_db:
 *
 * The decrypted database, read-only; schema "identity" once
 * wm_extract_load_identities() attached it. Owned by @self: do not close it.
 *
 * Returns: (transfer none) (nullable): the handle, %NULL once closed
 */
sqlite3 *
wm_extract_get_db (WmExtract *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (WM_IS_EXTRACT (self), NULL);
  locker = g_mutex_locker_new (&self->lock);
  return self->db;
}

/**
 * wm_extract_has_identities:
 *
 * Returns: whether wm_extract_load_identities() can attach schema
 *   "identity": a caseworker opened an extract that has identities, and
 *   they passed their integrity check
 */
gboolean
wm_extract_has_identities (WmExtract *self)
{
  g_return_val_if_fail (WM_IS_EXTRACT (self), FALSE);
  return self->has_identities;
}

/**
 * wm_extract_load_identities:
 *
 * Decrypts the identities again from the file (their key stayed in
 * protected memory) and attaches them as schema "identity" of
 * wm_extract_get_db(). Does nothing when they are attached already. About
 * a second per GB; call it from a worker thread for a city's extract.
 *
 * Returns: %FALSE with @error set: WM_EXTRACT_ERROR_NOT_ALLOWED (an
 *   analyst, or no identities), _CHANGED (the file is not the one opened),
 *   _NOT_FOUND, _DAMAGED, _TRUNCATED, G_IO_ERROR_CANCELLED…
 */
gboolean
wm_extract_load_identities (WmExtract     *self,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  WmExtractContent *c;

  g_return_val_if_fail (WM_IS_EXTRACT (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  c = self->content;
  if (c == NULL || self->db == NULL)
    return wm_extract_fail (error, WM_EXTRACT_ERROR_INVALID, self->path, _("the extract is closed — open it again"));
  if (!self->has_identities)
    return wm_extract_fail (error, WM_EXTRACT_ERROR_NOT_ALLOWED, self->path,
                            self->role == WM_EXTRACT_ROLE_CASEWORKER
                            ? _("this extract has no identities — ask the data office for one that has them")
                            : _("an analyst's passphrase cannot show identities — open the extract with a "
                                "caseworker's passphrase"));
  if (c->identities != NULL)
    return TRUE;
  if (!wm_extract_read_identities (self->path, c, cancellable, error))
    return FALSE;
  if (!attach_identities (self, error))
    {
      wm_extract_plain_free (c->identities, c->identity_size);
      c->identities = NULL;
      c->identity_size = 0;
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_extract_release_identities:
 *
 * Detaches schema "identity" and zeroes the identities in memory; they can
 * be loaded again. Finalize every statement that reads them first.
 *
 * Returns: %FALSE with @error set when a statement still reads them
 */
gboolean
wm_extract_release_identities (WmExtract  *self,
                               GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  WmExtractContent *c;

  g_return_val_if_fail (WM_IS_EXTRACT (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  c = self->content;
  if (c == NULL || self->db == NULL || c->identities == NULL)
    return TRUE;
  if (sqlite3_exec (self->db, "DETACH identity", NULL, NULL, NULL) != SQLITE_OK)
    return wm_extract_fail (error, WM_EXTRACT_ERROR_INVALID, self->path,
                            _("the identities are still being read (%s) — try again when that is done"),
                            sqlite3_errmsg (self->db));
  sqlite3_limit (self->db, SQLITE_LIMIT_ATTACHED, 0);
  wm_extract_plain_free (c->identities, c->identity_size);
  c->identities = NULL;
  c->identity_size = 0;
  return TRUE;
}

/**
 * wm_extract_get_expiry:
 *
 * Returns: (transfer none) (nullable): local midnight of the day the
 *   extract stops opening, or %NULL when it never expires
 */
GDateTime *
wm_extract_get_expiry (WmExtract *self)
{
  g_return_val_if_fail (WM_IS_EXTRACT (self), NULL);
  return self->expiry;
}

const char *
wm_extract_role_to_string (WmExtractRole role)
{
  switch (role)
    {
    case WM_EXTRACT_ROLE_ANALYST:
      return "analyst";
    case WM_EXTRACT_ROLE_CASEWORKER:
      return "caseworker";
    default:
      return "unknown";
    }
}

gboolean
wm_extract_role_from_string (const char    *text,
                             WmExtractRole *role)
{
  if (g_strcmp0 (text, "analyst") == 0)
    *role = WM_EXTRACT_ROLE_ANALYST;
  else if (g_strcmp0 (text, "caseworker") == 0)
    *role = WM_EXTRACT_ROLE_CASEWORKER;
  else
    return FALSE;
  return TRUE;
}

/* For the UI: the role, translated. */
const char *
wm_extract_role_get_label (WmExtractRole role)
{
  switch (role)
    {
    case WM_EXTRACT_ROLE_ANALYST:
      return _("Analyst");
    case WM_EXTRACT_ROLE_CASEWORKER:
      return _("Caseworker");
    default:
      return _("Unknown role");
    }
}
