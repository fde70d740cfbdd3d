/* wm-synth-write-private.h — what the generator's output files share
 *
 * The CSV writer, the spreadsheet writer, the deliberate defects and the
 * scope (who and which residence intervals fall in the period) used by
 * wm-synth-write*.c, one file per source system.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <stdio.h>

#include "wm-synth-private.h"

G_BEGIN_DECLS

/* wm-synth-csv.c: `;`-separated UTF-8 with our own number and date
 * formatting (printf was a third of a city's writing time). */
typedef struct {
  FILE    *fp;
  char    *path;
  guint64  row;        /* line number of the last row written (header = 1) */
  GString *line;
  int      fields;
  GError **error;
} WmSynthCsv;

gboolean  wm_synth_csv_open   (WmSynthCsv *csv, const char *dir, const char *name, const char *header, GError **error);
void      wm_synth_csv_field  (WmSynthCsv *csv, const char *value);
void      wm_synth_csv_int    (WmSynthCsv *csv, gint64 value);
void      wm_synth_csv_date   (WmSynthCsv *csv, guint32 day);
void      wm_synth_csv_money  (WmSynthCsv *csv, double euro);
void      wm_synth_csv_fixed  (WmSynthCsv *csv, double value, int decimals);
guint64   wm_synth_csv_end    (WmSynthCsv *csv);
guint64   wm_synth_csv_end_twice (WmSynthCsv *csv);
gboolean  wm_synth_csv_close  (WmSynthCsv *csv);

/* Decimal text of @value into @buf (at least 24 bytes); returns the end. */
char     *wm_synth_format_int (char *buf, gint64 value);

/* wm-synth-sheet.c: XLSX/ODS through GDAL. GDAL keeps a spreadsheet in
 * memory and serialises it on close (tens of seconds for a million rows),
 * so the GDAL calls run in a thread of their own while the rows are made. */
typedef struct _WmSynthSheet WmSynthSheet;

typedef enum { WM_SYNTH_CELL_TEXT, WM_SYNTH_CELL_INT, WM_SYNTH_CELL_REAL, WM_SYNTH_CELL_DATE } WmSynthCellType;

/* Excel's limit; the header is row 1. */
#define WM_SYNTH_SHEET_ROWS 1048575

WmSynthSheet *wm_synth_sheet_open   (const char *dir, const char *file, const char *driver, const char *base,
                                     const char *const *fields, const WmSynthCellType *types,
                                     guint64 rows_per_sheet, GError **error);
void          wm_synth_sheet_text   (WmSynthSheet *sh, const char *value);
void          wm_synth_sheet_int    (WmSynthSheet *sh, gint64 value);
void          wm_synth_sheet_real   (WmSynthSheet *sh, double value);
void          wm_synth_sheet_date   (WmSynthSheet *sh, guint32 day);
void          wm_synth_sheet_null   (WmSynthSheet *sh);
guint64       wm_synth_sheet_end    (WmSynthSheet *sh);
guint64       wm_synth_sheet_end_twice (WmSynthSheet *sh);
const char   *wm_synth_sheet_name   (WmSynthSheet *sh);
void          wm_synth_sheet_finish (WmSynthSheet *sh);
gboolean      wm_synth_sheet_close  (WmSynthSheet *sh, GError **error);

/* wm-synth-defects.c: deliberate data-quality defects and their manifest. */
typedef enum {
  WM_SYNTH_DEFECT_CF, WM_SYNTH_DEFECT_NO_MATCH, WM_SYNTH_DEFECT_DUPLICATE,
  WM_SYNTH_DEFECT_TWO_REFS, WM_SYNTH_DEFECT_DATE, WM_SYNTH_N_DEFECTS
} WmSynthDefect;

typedef struct {
  WmSynthWorld *w;
  WmSynthCsv    manifest;
  WmRng         rng;
} WmSynthDefects;

gboolean  wm_synth_defects_open  (WmSynthDefects *df, WmSynthWorld *w, const char *dir, GError **error);
gboolean  wm_synth_defects_close (WmSynthDefects *df);
gboolean  wm_synth_defect_roll   (WmSynthDefects *df);
int       wm_synth_defect_kind   (WmSynthDefects *df, int n);
void      wm_synth_defect_note   (WmSynthDefects *df, const char *file, const char *sheet, guint64 row,
                                  WmSynthDefect kind, const char *code, const char *detail);
void      wm_synth_defect_mistype (const char *cf, char out[17]);
void      wm_synth_defect_stranger (WmSynthDefects *df, char out[17]);

/* wm-synth-write.c: who and which residence intervals fall in the period. */
typedef struct {
  guint32   from, to;           /* 1 Jan of the first year, 31 Dec of the last */
  guint8   *relevant;           /* per person */
  guint32  *order;              /* intervals in (person, start) order, relevant only */
  guint32   n_order;
  guint32  *fam_at;             /* per person, the family at 31 Dec of the current year */
  char     *bad_cf;             /* per person, 17 bytes: the mistyped code the registry holds, or "" */
} WmSynthScope;

void        wm_synth_scope_year    (WmSynthWorld *w, WmSynthScope *sc, int year);
const char *wm_synth_scope_cf      (WmSynthWorld *w, WmSynthScope *sc, guint32 person);
char       *wm_synth_family_code   (WmSynthWorld *w, guint32 family, char buf[16]);
char       *wm_synth_dwelling_code (WmSynthWorld *w, guint32 dwelling, char buf[24]);

/* One file (or two) per source system. */
gboolean  wm_synth_write_persons   (WmSynthWorld *w, const char *dir, WmSynthScope *sc, WmSynthDefects *df, GError **error);
gboolean  wm_synth_write_residences (WmSynthWorld *w, const char *dir, WmSynthScope *sc, WmSynthDefects *df, GError **error);
gboolean  wm_synth_write_dwellings (WmSynthWorld *w, const char *dir, WmSynthScope *sc, GError **error);
WmSynthSheet *wm_synth_write_education (WmSynthWorld *w, const char *dir, WmSynthScope *sc, WmSynthDefects *df, GError **error);
gboolean  wm_synth_write_years     (WmSynthWorld *w, const char *dir, WmSynthScope *sc, WmSynthDefects *df,
                                    WmSynthCsv *services, WmSynthSheet **isee, GError **error);
gboolean  wm_synth_write_care      (WmSynthWorld *w, const char *dir, WmSynthScope *sc, WmSynthDefects *df,
                                    WmSynthCsv *services, GError **error);

/* wm-synth-write-services.c: the services a family gets in a year. */
typedef struct {
  double   isee;
  gboolean filed;
  guint32  declarant;
  guint32  filed_on;
} WmSynthIsee;

double    wm_synth_isee_threshold  (int year);
const char *wm_synth_isee_reference (int year);
void      wm_synth_family_services (WmSynthWorld *w, WmSynthScope *sc, WmSynthCsv *services, guint32 family,
                                    int year, const guint32 *members, int n, const WmSynthIsee *iy);

G_END_DECLS
