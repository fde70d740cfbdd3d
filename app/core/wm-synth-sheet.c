/* wm-synth-sheet.c — spreadsheets (XLSX, ODS) through GDAL, in a thread
 *
 * GDAL's XLSX and ODS drivers hold the whole sheet in memory and write it
 * on close: for a million rows about 15 s (XLSX) and 12 s (ODS) of CPU and
 * 350–400 MB (tests/bench/bench-synth.c measures it). So the rows are
 * encoded into batches on the caller's thread and a worker thread owns the
 * GDAL dataset: the generator goes on with the other files meanwhile.
 *
 * A sheet holds at most 1,048,575 data rows (Excel's limit, header = row 1);
 * further rows continue on sheets "<base>_2", "<base>_3"… Both threads
 * count rows the same way, so the caller knows the sheet and row of every
 * row it writes (the defects manifest needs them) without waiting.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <cpl_error.h>
#include <gdal.h>
#include <glib/gi18n.h>
#include <ogr_api.h>
#include <string.h>

#include "wm-synth-write-private.h"

#define BATCH_BYTES (256 * 1024)

enum { TAG_TEXT, TAG_INT, TAG_REAL, TAG_DATE, TAG_NULL, TAG_END };

struct _WmSynthSheet {
  char           *path;
  char           *base;
  GStrv           fields;
  WmSynthCellType types[16];
  GDALDatasetH    ds;
  guint64         limit;          /* data rows per sheet */

  /* caller's side */
  GByteArray     *batch;
  gsize           row_start;      /* offset of the row being built */
  guint64         row;            /* line of the last row ended, in its sheet */
  int             sheet;
  char           *name;           /* sheet of the last row ended */
  gboolean        finished;

  /* worker's side */
  GAsyncQueue    *queue;
  GThread        *thread;
  GError         *error;
};

static GByteArray end_of_rows;    /* the sentinel batch */

static char *
sheet_title (const char *base, int sheet)
{
  return sheet == 1 ? g_strdup (base) : g_strdup_printf ("%s_%d", base, sheet);
}

static OGRLayerH
add_layer (WmSynthSheet *sh, int sheet, GError **error)
{
  g_autofree char *name = sheet_title (sh->base, sheet);
  OGRLayerH layer = GDALDatasetCreateLayer (sh->ds, name, NULL, wkbNone, NULL);
  static const OGRFieldType ogr[] = { OFTString, OFTInteger, OFTReal, OFTDate };

  if (layer == NULL)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_OUTPUT, _("%s: cannot add sheet %s (%s)"),
                   sh->path, name, CPLGetLastErrorMsg ());
      return NULL;
    }
  for (int i = 0; sh->fields[i] != NULL; i++)
    {
      OGRFieldDefnH fd = OGR_Fld_Create (sh->fields[i], ogr[sh->types[i]]);

      OGR_L_CreateField (layer, fd, TRUE);
      OGR_Fld_Destroy (fd);
    }
  return layer;
}

/* Decodes one batch into features; returns FALSE on a GDAL error. */
static gboolean
write_batch (WmSynthSheet *sh, GByteArray *batch, OGRLayerH *layer, int *sheet, guint64 *rows, GError **error)
{
  const guint8 *p = batch->data, *end = batch->data + batch->len;

  while (p < end)
    {
      OGRFeatureH f;
      int field = 0;

      if (*rows >= sh->limit)
        {
          if ((*layer = add_layer (sh, ++*sheet, error)) == NULL)
            return FALSE;
          *rows = 0;
        }
      f = OGR_F_Create (OGR_L_GetLayerDefn (*layer));
      for (; *p != TAG_END; field++)
        switch (*p++)
          {
          case TAG_TEXT:
            OGR_F_SetFieldString (f, field, (const char *) p);
            p += strlen ((const char *) p) + 1;
            break;
          case TAG_INT:
            {
              gint64 v;

              memcpy (&v, p, sizeof v);
              OGR_F_SetFieldInteger64 (f, field, v);
              p += sizeof v;
            }
            break;
          case TAG_REAL:
            {
              double v;

              memcpy (&v, p, sizeof v);
              OGR_F_SetFieldDouble (f, field, v);
              p += sizeof v;
            }
            break;
          case TAG_DATE:
            {
              guint32 v;
              int y, m, d;

              memcpy (&v, p, sizeof v);
              wm_synth_dmy (v, &y, &m, &d);
              OGR_F_SetFieldDateTime (f, field, y, m, d, 0, 0, 0, 0);
              p += sizeof v;
            }
            break;
          default:
            break;
          }
      p++;
      if (OGR_L_CreateFeature (*layer, f) != OGRERR_NONE)
        {
          g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_OUTPUT, _("%s: cannot add a row (%s)"),
                       sh->path, CPLGetLastErrorMsg ());
          OGR_F_Destroy (f);
          return FALSE;
        }
      OGR_F_Destroy (f);
      ++*rows;
    }
  return TRUE;
}

static gpointer
worker (gpointer data)
{
  WmSynthSheet *sh = data;
  OGRLayerH layer = GDALDatasetGetLayer (sh->ds, 0);
  int sheet = 1;
  guint64 rows = 0;
  GByteArray *batch;

  while ((batch = g_async_queue_pop (sh->queue)) != &end_of_rows)
    {
      /* After an error the rest is drained unread. */
      if (sh->error == NULL)
        write_batch (sh, batch, &layer, &sheet, &rows, &sh->error);
      g_byte_array_unref (batch);
    }
  CPLErrorReset ();
  GDALClose (sh->ds);
  sh->ds = NULL;
  if (sh->error == NULL && CPLGetLastErrorType () >= CE_Failure)
    g_set_error (&sh->error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_OUTPUT, _("%s: writing failed (%s) — is the disk full?"),
                 sh->path, CPLGetLastErrorMsg ());
  return NULL;
}

static void
sheet_free (WmSynthSheet *sh)
{
  g_free (sh->path);
  g_free (sh->base);
  g_strfreev (sh->fields);
  g_free (sh->name);
  if (sh->batch != NULL)
    g_byte_array_unref (sh->batch);
  if (sh->queue != NULL)
    g_async_queue_unref (sh->queue);
  g_clear_error (&sh->error);
  g_free (sh);
}

WmSynthSheet *
wm_synth_sheet_open (const char             *dir,
                     const char             *file,
                     const char             *driver,
                     const char             *base,
                     const char *const      *fields,
                     const WmSynthCellType  *types,
                     guint64                 rows_per_sheet,
                     GError                **error)
{
  GDALDriverH drv = GDALGetDriverByName (driver);
  WmSynthSheet *sh = g_new0 (WmSynthSheet, 1);

  sh->path = g_build_filename (dir, file, NULL);
  sh->base = g_strdup (base);
  sh->fields = g_strdupv ((char **) fields);
  g_assert (g_strv_length (sh->fields) <= G_N_ELEMENTS (sh->types));
  memcpy (sh->types, types, g_strv_length (sh->fields) * sizeof *types);
  sh->limit = MAX (rows_per_sheet, 1);
  sh->sheet = 1;
  sh->row = 1;
  sh->name = g_strdup (base);
  sh->ds = drv ? GDALCreate (drv, sh->path, 0, 0, 0, GDT_Unknown, NULL) : NULL;
  if (sh->ds == NULL)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_OUTPUT, _("%s: GDAL cannot create it (%s)"),
                   sh->path, drv ? CPLGetLastErrorMsg () : driver);
      sheet_free (sh);
      return NULL;
    }
  if (add_layer (sh, 1, error) == NULL)
    {
      GDALClose (sh->ds);
      sheet_free (sh);
      return NULL;
    }
  sh->batch = g_byte_array_sized_new (BATCH_BYTES + 1024);
  sh->queue = g_async_queue_new ();
  sh->thread = g_thread_new ("wm-synth-sheet", worker, sh);
  return sh;
}

static void
put (WmSynthSheet *sh, guint8 tag, const void *data, gsize len)
{
  g_byte_array_append (sh->batch, &tag, 1);
  if (len > 0)
    g_byte_array_append (sh->batch, data, len);
}

void
wm_synth_sheet_text (WmSynthSheet *sh, const char *value)
{
  put (sh, TAG_TEXT, value, strlen (value) + 1);
}

void
wm_synth_sheet_int (WmSynthSheet *sh, gint64 value)
{
  put (sh, TAG_INT, &value, sizeof value);
}

void
wm_synth_sheet_real (WmSynthSheet *sh, double value)
{
  put (sh, TAG_REAL, &value, sizeof value);
}

void
wm_synth_sheet_date (WmSynthSheet *sh, guint32 day)
{
  put (sh, TAG_DATE, &day, sizeof day);
}

void
wm_synth_sheet_null (WmSynthSheet *sh)
{
  put (sh, TAG_NULL, NULL, 0);
}

static void
flush (WmSynthSheet *sh)
{
  g_async_queue_push (sh->queue, sh->batch);
  sh->batch = g_byte_array_sized_new (BATCH_BYTES + 1024);
}

/* Counts the row just ended; returns its line in its sheet (header = 1). */
static guint64
count_row (WmSynthSheet *sh)
{
  if (sh->row >= sh->limit + 1)
    {
      sh->sheet++;
      sh->row = 1;
      g_free (sh->name);
      sh->name = sheet_title (sh->base, sh->sheet);
    }
  sh->row++;
  if (sh->batch->len >= BATCH_BYTES)
    flush (sh);
  sh->row_start = sh->batch->len;
  return sh->row;
}

guint64
wm_synth_sheet_end (WmSynthSheet *sh)
{
  put (sh, TAG_END, NULL, 0);
  return count_row (sh);
}

/* Ends the row and adds it once more (a duplicate); returns the second's line. */
guint64
wm_synth_sheet_end_twice (WmSynthSheet *sh)
{
  g_autofree guint8 *copy = NULL;
  gsize len;

  put (sh, TAG_END, NULL, 0);
  len = sh->batch->len - sh->row_start;
  copy = g_memdup2 (sh->batch->data + sh->row_start, len);
  count_row (sh);
  g_byte_array_append (sh->batch, copy, len);
  return count_row (sh);
}

const char *
wm_synth_sheet_name (WmSynthSheet *sh)
{
  return sh->name;
}

/* No more rows: the worker writes the file while the caller goes on. */
void
wm_synth_sheet_finish (WmSynthSheet *sh)
{
  if (sh == NULL || sh->finished)
    return;
  flush (sh);
  g_async_queue_push (sh->queue, &end_of_rows);
  sh->finished = TRUE;
}

/* Waits for the file to be written; frees @sh. */
gboolean
wm_synth_sheet_close (WmSynthSheet  *sh,
                      GError       **error)
{
  gboolean ok;

  if (sh == NULL)
    return TRUE;
  wm_synth_sheet_finish (sh);
  g_thread_join (sh->thread);
  ok = sh->error == NULL;
  if (!ok && error != NULL && *error == NULL)
    g_propagate_error (error, g_steal_pointer (&sh->error));
  sheet_free (sh);
  return ok;
}
