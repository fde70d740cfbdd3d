/* wm-importer-private.h — what the importer's files share
 *
 * wm-importer.c          the object, the run, progress, pseudonyms
 * wm-importer-rows.c     one row: values, checks, links, report entries
 * wm-importer-registry.c persons, residences, families, dwellings
 * wm-importer-records.c  the other sources, linked to the registry
 * wm-importer-areas.c    boundary layers and geocoding
 * wm-importer-write.c    the registry into the two databases
 * wm-importer-extract.c  the two databases, encrypted into an extract
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib/gi18n.h>
#include <ogr_srs_api.h>
#include <sodium.h>

#include "wm-import-source.h"
#include "wm-import-values.h"
#include "wm-importer.h"

G_BEGIN_DECLS

#define WM_PSEUDONYM_BYTES 16

typedef struct {
  const char *cf;           /* normalised; in the string chunk */
  const char *surname;
  const char *given_name;
  const char *birthplace;
  int birth_date;           /* yyyymmdd */
  int death_date;           /* 0: alive */
  guint8 sex;
  guint8 citizenship;
  guint8 education;
  gboolean has_residence;
  gint64 row;
  const char *sheet;        /* interned, when the file has several sheets */
  guint id;                 /* in the extract, 1…; given in pseudonym order */
  guint8 pseudonym[WM_PSEUDONYM_BYTES];
} WmImpPerson;

typedef struct {
  const char *code;         /* normalised family code */
  gboolean communal;        /* a convivenza anagrafica ([import] communal_family_prefix) */
  guint id;
  guint8 pseudonym[WM_PSEUDONYM_BYTES];
} WmImpFamily;

typedef struct {
  const char *code;         /* normalised dwelling code */
  const char *address;
  const char *section;      /* normalised section code from the registry */
  double surface;           /* NAN: unknown */
  int rooms;                /* -1: unknown */
  int tenure;
  gint64 row;               /* in the dwellings source, 0 if absent there */
  const char *sheet;
  gint64 point_row;         /* the residence row the point came from */
  const char *point_sheet;
  gint64 section_row;
  const char *section_sheet;
  double lon, lat;
  gboolean has_point;
  gboolean used;
  guint id;                 /* 0: not in the extract */
  guint8 order[WM_PSEUDONYM_BYTES];
} WmImpDwelling;

typedef struct {
  guint person;             /* indices into the arrays */
  guint family;
  guint dwelling;
  int relation;
  int start_date;
  int end_date;             /* 0: open */
  gint64 row;
  const char *sheet;
  gboolean rejected;
} WmImpResidence;

struct _WmImporter
{
  GObject parent_instance;

  WmImportMapping *mapping;
  WmImportReport *report;
  GCancellable *cancellable;

  WmImportProgressFunc progress;
  gpointer progress_data;
  GDestroyNotify progress_destroy;
  gint64 rows_total;
  gint64 rows_done;
  gint64 started_at;
  gint64 last_progress;

  char *date_format;
  char decimal;
  int min_date;
  int max_date;

  GStringChunk *strings;
  GArray *persons;          /* WmImpPerson */
  GHashTable *person_by_cf; /* cf → index + 1 */
  GHashTable *person_by_name; /* normalised name key → index + 1, or 0 if ambiguous */
  GArray *families;
  GHashTable *family_by_code;
  GArray *dwellings;
  GHashTable *dwelling_by_code;
  GArray *residences;
  guint *person_res_start;  /* per person: its kept residences, by start date */
  guint *person_res;

  guint8 key[crypto_generichash_KEYBYTES];
  sqlite3 *db;
  sqlite3 *idb;
  gboolean done;
};

/* Fixed phrases of the report: what went wrong, counted per source. */
#define WM_R_ENCODING      _("text not in the file’s character encoding")
#define WM_R_MISSING       _("required value missing")
#define WM_R_NOT_DATE      _("not a date")
#define WM_R_DATE_RANGE    _("date out of range")
#define WM_R_NOT_NUMBER    _("not a number")
#define WM_R_VALUE_RANGE   _("value out of range")
#define WM_R_UNKNOWN_CODE  _("unknown code")
#define WM_R_DUPLICATE     _("duplicate")
#define WM_R_CF_INVALID    _("invalid codice fiscale")
#define WM_R_CF_MISMATCH   _("codice fiscale disagrees with the registry")
#define WM_R_CF_UNKNOWN    _("codice fiscale not in the registry")
#define WM_R_BY_NAME       _("linked by surname, given name, birth date and sex")
#define WM_R_FAMILY_UNKNOWN _("family code not in the registry")
#define WM_R_ENDS_BEFORE   _("ends before it starts")
#define WM_R_BEFORE_BIRTH  _("starts before the person’s birth")
#define WM_R_AFTER_DEATH   _("goes on after the person’s death")
#define WM_R_OVERLAP       _("overlaps another residence of the same person")
#define WM_R_TWO_REFERENCE _("second reference person in the family")
#define WM_R_NO_POINT      _("dwelling without coordinates")
#define WM_R_BAD_POINT     _("coordinates not usable")
#define WM_R_POINT_DIFFERS _("other coordinates for the same dwelling")
#define WM_R_NO_RESIDENCE  _("person without a residence")
#define WM_R_NOT_IN_DWELLINGS _("dwelling not in the dwellings file")
#define WM_R_UNUSED        _("dwelling without residents")
#define WM_R_YEAR_RANGE    _("year outside the extract’s years")
#define WM_R_SUPERSEDED    _("superseded by a later declaration")
#define WM_R_NO_BENEFICIARY _("no beneficiary")
#define WM_R_NO_FAMILY     _("declarant without a family in that year")
#define WM_R_NO_LABEL      _("service code without a label")
#define WM_R_COLUMN_ABSENT _("optional column not in the file")
#define WM_R_FILE_ABSENT   _("file not found")
#define WM_R_OUTSIDE       _("address outside every area of the layer")
#define WM_R_GEOMETRY      _("invalid geometry")
#define WM_R_SECTION_UNKNOWN _("census section not in the sections layer")
#define WM_R_SECTION_DIFFERS _("other census section for the same dwelling")
#define WM_R_AREA_UNKNOWN  _("area not in the layer")

/* wm-importer.c */
gboolean  wm_importer_step              (WmImporter       *self,
                                         const char       *source,
                                         GError          **error);
void      wm_importer_pseudonym         (WmImporter       *self,
                                         const char       *prefix,
                                         const char       *code,
                                         guint8           *out);
gboolean  wm_importer_exec              (WmImporter       *self,
                                         sqlite3          *db,
                                         const char       *sql,
                                         GError          **error);
gboolean  wm_importer_prepare           (WmImporter       *self,
                                         sqlite3          *db,
                                         const char       *sql,
                                         sqlite3_stmt    **stmt,
                                         GError          **error);
gboolean  wm_importer_step_stmt         (WmImporter       *self,
                                         sqlite3_stmt     *stmt,
                                         GError          **error);
WmImportSource *wm_importer_open_source (WmImporter          *self,
                                         const char          *name,
                                         const WmImportField *fields,
                                         GError             **error);
OGRCoordinateTransformationH wm_importer_transform_to_wgs84 (WmImporter *self,
                                                             const char *group,
                                                             OGRSpatialReferenceH source_srs,
                                                             GError   **error);

/* Reading one source (wm-importer-rows.c): the row being read and where
 * its problems go. */
typedef struct {
  WmImporter *importer;
  WmImportSource *src;
  const char *name;         /* the source's name in the mapping and report */
  WmImportRow row;
} WmImpReader;

gboolean  wm_imp_reader_open            (WmImpReader         *r,
                                         WmImporter          *self,
                                         const char          *name,
                                         const WmImportField *fields,
                                         GError             **error);
void      wm_imp_reader_close           (WmImpReader         *r);
gboolean  wm_imp_reader_next            (WmImpReader         *r,
                                         GError             **error);
const char *wm_imp_value                (WmImpReader         *r,
                                         guint                field);
const char *wm_imp_column               (WmImpReader         *r,
                                         guint                field);
void      wm_imp_reject                 (WmImpReader         *r,
                                         const char          *reason,
                                         const char          *detail_format,
                                         ...) G_GNUC_PRINTF (3, 4);
void      wm_imp_warn                   (WmImpReader         *r,
                                         const char          *reason,
                                         const char          *detail_format,
                                         ...) G_GNUC_PRINTF (3, 4);
void      wm_imp_linked                 (WmImpReader         *r);
char     *wm_imp_row_ref                (const char          *sheet,
                                         gint64               row);
gboolean  wm_imp_require                (WmImpReader         *r,
                                         guint                field);
gboolean  wm_imp_date                   (WmImpReader         *r,
                                         guint                field,
                                         gboolean             required,
                                         int                 *date);
gboolean  wm_imp_number                 (WmImpReader         *r,
                                         guint                field,
                                         WmImportSeverity     severity,
                                         double               min,
                                         double               max,
                                         double              *value);
gboolean  wm_imp_int                    (WmImpReader         *r,
                                         guint                field,
                                         WmImportSeverity     severity,
                                         gint64               min,
                                         gint64               max,
                                         gint64              *value);
gboolean  wm_imp_year                   (WmImpReader         *r,
                                         guint                field,
                                         int                 *year);
gboolean  wm_imp_code                   (WmImpReader         *r,
                                         guint                field,
                                         const char          *table,
                                         WmImportSeverity     severity,
                                         int                 *value);
gboolean  wm_imp_point                  (WmImpReader         *r,
                                         guint                x_field,
                                         guint                y_field,
                                         OGRCoordinateTransformationH ct,
                                         WmImportSeverity     severity,
                                         double              *lon,
                                         double              *lat);
int       wm_imp_link_person            (WmImpReader         *r,
                                         guint                cf_field,
                                         const int           *name_fields);
int       wm_imp_link_family            (WmImpReader         *r,
                                         guint                field);
int       wm_importer_family_at         (WmImporter          *self,
                                         guint                person,
                                         int                  date);

/* wm-importer-registry.c */
gboolean  wm_importer_read_dwellings    (WmImporter       *self,
                                         GError          **error);
gboolean  wm_importer_read_persons      (WmImporter       *self,
                                         GError          **error);
gboolean  wm_importer_read_residences   (WmImporter       *self,
                                         GError          **error);
void      wm_importer_check_residences  (WmImporter       *self);
void      wm_importer_assign_ids        (WmImporter       *self);

/* wm-importer-records.c */
gboolean  wm_importer_read_education    (WmImporter       *self,
                                         GError          **error);
gboolean  wm_importer_read_records      (WmImporter       *self,
                                         GError          **error);

/* wm-importer-areas.c */
gboolean  wm_importer_read_layers       (WmImporter       *self,
                                         GError          **error);

/* wm-importer-write.c */
gboolean  wm_importer_write_registry    (WmImporter       *self,
                                         GError          **error);
gboolean  wm_importer_write_meta        (WmImporter       *self,
                                         GError          **error);

G_END_DECLS
