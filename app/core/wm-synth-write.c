/* wm-synth-write.c — stream the synthetic world out as municipal source files
 *
 * One file (or two) per source system of app/core/wm-sources.md, each
 * written by its own wm-synth-write-*.c; this file decides who falls in
 * the period (the scope), runs the writers and writes the two small
 * tables (service sites, ISEE thresholds). The spreadsheets are written
 * by worker threads (wm-synth-sheet.c) while the CSV files are made.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wm-synth-tables.h"
#include "wm-synth-write-private.h"

static int
interval_cmp (gconstpointer a, gconstpointer b, gpointer data)
{
  WmSynthWorld *w = data;
  const WmSynthInterval *x = &g_array_index (w->intervals, WmSynthInterval, *(const guint32 *) a);
  const WmSynthInterval *y = &g_array_index (w->intervals, WmSynthInterval, *(const guint32 *) b);

  if (x->person != y->person)
    return x->person < y->person ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return *(const guint32 *) a < *(const guint32 *) b ? -1 : 1;
}

static void
scope_init (WmSynthWorld *w, WmSynthScope *sc)
{
  sc->from = wm_synth_julian (w->first_year, 1, 1);
  sc->to = wm_synth_julian (w->first_year + w->years - 1, 12, 31);
  sc->relevant = g_new0 (guint8, w->persons->len);
  sc->order = g_new (guint32, MAX (w->intervals->len, 1));
  sc->fam_at = g_new (guint32, w->persons->len);
  sc->bad_cf = g_malloc0 ((gsize) w->persons->len * 17);
  for (guint32 i = 0; i < w->intervals->len; i++)
    {
      WmSynthInterval *iv = &g_array_index (w->intervals, WmSynthInterval, i);

      if (iv->start <= sc->to && (iv->end == 0 || iv->end >= sc->from))
        {
          sc->relevant[iv->person] = 1;
          sc->order[sc->n_order++] = i;
        }
    }
  g_qsort_with_data (sc->order, sc->n_order, sizeof (guint32), interval_cmp, w);
}

/* The family of everyone on 31 December of @year. */
void
wm_synth_scope_year (WmSynthWorld *w, WmSynthScope *sc, int year)
{
  guint32 day = wm_synth_julian (year, 12, 31);

  for (guint32 i = 0; i < w->persons->len; i++)
    sc->fam_at[i] = WM_SYNTH_NONE;
  for (guint32 k = 0; k < sc->n_order; k++)
    {
      WmSynthInterval *iv = &g_array_index (w->intervals, WmSynthInterval, sc->order[k]);

      if (iv->start <= day && (iv->end == 0 || iv->end > day))
        sc->fam_at[iv->person] = iv->family;
    }
}

static void
scope_clear (WmSynthScope *sc)
{
  g_free (sc->relevant);
  g_free (sc->order);
  g_free (sc->fam_at);
  g_free (sc->bad_cf);
}

/* The code other sources use: the registry's own, mistyped or not. */
const char *
wm_synth_scope_cf (WmSynthWorld *w, WmSynthScope *sc, guint32 person)
{
  return sc->bad_cf[(gsize) person * 17] ? sc->bad_cf + (gsize) person * 17 : P (w, person)->cf;
}

char *
wm_synth_family_code (WmSynthWorld *w, guint32 family, char buf[16])
{
  char *p = buf;

  if (F (w, family)->convivenza)
    *p++ = 'C';
  wm_synth_format_int (p, F (w, family)->code);
  return buf;
}

/* Building and internal number: B0001234-05. */
char *
wm_synth_dwelling_code (WmSynthWorld *w, guint32 dwelling, char buf[24])
{
  guint32 b = D (w, dwelling)->building, internal = D (w, dwelling)->internal;
  char *p = buf;

  *p++ = 'B';
  for (guint32 div = 1000000; div > 0; div /= 10)
    *p++ = '0' + (char) (b / div % 10);
  *p++ = '-';
  if (internal < 10)
    *p++ = '0';
  wm_synth_format_int (p, internal);
  return buf;
}

static gboolean
write_sites (WmSynthWorld *w, const char *dir, GError **error)
{
  WmSynthCsv csv = { 0 };

  if (!wm_synth_csv_open (&csv, dir, "servizi.csv", "nome;area_utenza;categoria;indirizzo;destinatari;orari;capienza;lon;lat", error))
    return FALSE;
  for (guint i = 0; i < w->sites->len; i++)
    {
      WmSynthSite *s = g_ptr_array_index (w->sites, i);

      wm_synth_csv_field (&csv, s->name);
      wm_synth_csv_field (&csv, s->area);
      wm_synth_csv_field (&csv, s->category);
      wm_synth_csv_field (&csv, s->address);
      wm_synth_csv_field (&csv, s->target);
      wm_synth_csv_field (&csv, s->hours);
      if (s->capacity > 0)
        wm_synth_csv_int (&csv, s->capacity);
      else
        wm_synth_csv_field (&csv, "");
      wm_synth_csv_fixed (&csv, s->lon, 6);
      wm_synth_csv_fixed (&csv, s->lat, 6);
      wm_synth_csv_end (&csv);
    }
  return wm_synth_csv_close (&csv);
}

static gboolean
write_thresholds (WmSynthWorld *w, const char *dir, GError **error)
{
  WmSynthCsv csv = { 0 };

  if (!wm_synth_csv_open (&csv, dir, "soglie_isee.csv", "anno;soglia;riferimento", error))
    return FALSE;
  for (int y = w->first_year; y < w->first_year + w->years; y++)
    {
      wm_synth_csv_int (&csv, y);
      wm_synth_csv_money (&csv, wm_synth_isee_threshold (y));
      wm_synth_csv_field (&csv, wm_synth_isee_reference (y));
      wm_synth_csv_end (&csv);
    }
  return wm_synth_csv_close (&csv);
}

/* The SIUSS macro area a code's prefix stands for. */
static const char *
service_macro_area (const char *code)
{
  if (g_str_has_prefix (code, "A1."))
    return "Contributi economici";
  if (g_str_has_prefix (code, "A2."))
    return "Interventi e servizi";
  if (g_str_has_prefix (code, "A3."))
    return "Strutture";
  return "Altro";
}

/* The municipality's list of service codes with their labels; a code the
 * table lists under several user areas (Z9.99) is written once. */
static gboolean
write_service_types (const char *dir, GError **error)
{
  WmSynthCsv csv = { 0 };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (!wm_synth_csv_open (&csv, dir, "prestazioni.csv", "codice;descrizione;macro_area", error))
    return FALSE;
  for (guint i = 0; i < wm_synth_n_services; i++)
    {
      const WmSynthService *s = &wm_synth_services[i];
      gboolean shared = FALSE;

      if (!g_hash_table_add (seen, (gpointer) s->code))
        continue;
      for (guint j = i + 1; j < wm_synth_n_services; j++)
        shared = shared || g_str_equal (wm_synth_services[j].code, s->code);
      wm_synth_csv_field (&csv, s->code);
      wm_synth_csv_field (&csv, shared ? "Altro" : s->label);
      wm_synth_csv_field (&csv, service_macro_area (s->code));
      wm_synth_csv_end (&csv);
    }
  return wm_synth_csv_close (&csv);
}

/**
 * wm_synth_write_all:
 *
 * Every source file of app/core/wm-sources.md, into @dir (which exists).
 */
gboolean
wm_synth_write_all (WmSynthWorld  *w,
                    const char    *dir,
                    GError       **error)
{
  WmSynthScope sc = { 0 };
  WmSynthDefects df = { 0 };
  WmSynthCsv services = { 0 };
  WmSynthSheet *education = NULL, *isee = NULL;
  gboolean ok;

  scope_init (w, &sc);
  ok = wm_synth_defects_open (&df, w, dir, error) &&
       wm_synth_csv_open (&services, dir, "assistenza_interventi.csv",
                          "codice_fiscale;codice_famiglia;codice_prestazione;area_utenza;data_inizio;data_fine;importo", error);
  /* The registry's persons first: the other sources copy its mistyped
   * codes. Then the files behind the spreadsheets, so that their threads
   * get the most time beside the CSV files. */
  wm_synth_report (w, 0.52, _("Writing the registry"));
  ok = ok && wm_synth_write_persons (w, dir, &sc, &df, error);
  ok = ok && (education = wm_synth_write_education (w, dir, &sc, &df, error)) != NULL;
  ok = ok && wm_synth_write_years (w, dir, &sc, &df, &services, &isee, error);
  wm_synth_report (w, 0.8, _("Writing the registry"));
  ok = ok && wm_synth_write_residences (w, dir, &sc, &df, error);
  ok = ok && wm_synth_write_dwellings (w, dir, &sc, error);
  wm_synth_report (w, 0.86, _("Writing care needs and service sites"));
  ok = ok && wm_synth_write_care (w, dir, &sc, &df, &services, error);
  ok = ok && write_sites (w, dir, error);
  ok = ok && write_thresholds (w, dir, error);
  ok = ok && write_service_types (dir, error);
  ok = wm_synth_csv_close (&services) && ok;
  ok = wm_synth_defects_close (&df) && ok;
  wm_synth_report (w, 0.9, _("Writing the spreadsheets"));
  ok = wm_synth_sheet_close (isee, ok ? error : NULL) && ok;
  ok = wm_synth_sheet_close (education, ok ? error : NULL) && ok;
  scope_clear (&sc);
  return ok;
}
