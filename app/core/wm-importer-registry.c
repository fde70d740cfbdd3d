/* wm-importer-registry.c — persons, residences, families, dwellings
 *
 * The registry is checked as a whole once read: a person's residence
 * intervals must not overlap, a family has one reference person at a time,
 * a dwelling needs a point. Rows are never fixed silently: a repair is a
 * warning in the report, a row left out is a rejection.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wm-codice-fiscale.h"
#include "wm-importer-private.h"

enum { D_CODE, D_SURFACE, D_ROOMS, D_TENURE };
static const WmImportField dwelling_fields[] = {
  { "dwelling_code", TRUE }, { "surface", FALSE }, { "rooms", FALSE }, { "tenure", FALSE }, { NULL }
};

enum { P_CF, P_SURNAME, P_GIVEN, P_SEX, P_BIRTH, P_BIRTHPLACE, P_CITIZENSHIP, P_DEATH };
static const WmImportField person_fields[] = {
  { "codice_fiscale", TRUE }, { "surname", TRUE }, { "given_name", TRUE }, { "sex", TRUE },
  { "birth_date", TRUE }, { "birthplace", FALSE }, { "citizenship", FALSE }, { "death_date", FALSE },
  { NULL }
};

enum { R_CF, R_FAMILY, R_RELATION, R_DWELLING, R_ADDRESS, R_SECTION, R_X, R_Y, R_START, R_END };
static const WmImportField residence_fields[] = {
  { "codice_fiscale", TRUE }, { "family_code", TRUE }, { "relation", TRUE }, { "dwelling_code", TRUE },
  { "address", FALSE }, { "section", FALSE }, { "x", FALSE }, { "y", FALSE }, { "start_date", TRUE },
  { "end_date", FALSE }, { NULL }
};

/* Points of one dwelling farther apart than this (in degrees, ≈ 1 m) differ. */
#define SAME_POINT 1e-5

static const char *
intern (WmImporter *self,
        const char *text)
{
  return text != NULL ? g_string_chunk_insert_const (self->strings, text) : NULL;
}

static guint
add_dwelling (WmImporter *self,
              const char *code,
              const char *sheet,
              gint64      row)
{
  WmImpDwelling d = { 0 };

  d.code = intern (self, code);
  d.surface = NAN;
  d.rooms = -1;
  d.sheet = sheet;
  d.row = row;
  g_array_append_val (self->dwellings, d);
  g_hash_table_insert (self->dwelling_by_code, (gpointer) d.code, GUINT_TO_POINTER (self->dwellings->len));
  return self->dwellings->len - 1;
}

gboolean
wm_importer_read_dwellings (WmImporter  *self,
                            GError     **error)
{
  WmImpReader r;

  if (!wm_imp_reader_open (&r, self, "dwellings", dwelling_fields, error))
    return error == NULL || *error == NULL;
  while (wm_imp_reader_next (&r, error))
    {
      g_autofree char *code = NULL;
      gpointer found;
      WmImpDwelling *d;
      guint index;
      double surface;
      gint64 rooms;
      int tenure;

      if (!wm_imp_require (&r, D_CODE))
        continue;
      code = wm_import_normalise_code (wm_imp_value (&r, D_CODE));
      found = g_hash_table_lookup (self->dwelling_by_code, code);
      if (found != NULL)
        {
          const WmImpDwelling *first = &g_array_index (self->dwellings, WmImpDwelling, GPOINTER_TO_UINT (found) - 1);
          g_autofree char *ref = wm_imp_row_ref (first->sheet, first->row);

          wm_imp_reject (&r, WM_R_DUPLICATE, _("same dwelling code as %s"), ref);
          continue;
        }
      wm_imp_number (&r, D_SURFACE, WM_IMPORT_WARNING, 5, 5000, &surface);
      wm_imp_int (&r, D_ROOMS, WM_IMPORT_WARNING, 1, 100, &rooms);
      wm_imp_code (&r, D_TENURE, "tenure", WM_IMPORT_WARNING, &tenure);
      index = add_dwelling (self, code, r.row.sheet, r.row.number);  /* may move the array */
      d = &g_array_index (self->dwellings, WmImpDwelling, index);
      d->surface = surface;
      d->rooms = (int) rooms;
      d->tenure = tenure;
      /* counted as linked once a residence uses it (wm_importer_assign_ids) */
    }
  wm_imp_reader_close (&r);
  return error == NULL || *error == NULL;
}

static void
check_codice_fiscale (WmImpReader       *r,
                      const WmImpPerson *p)
{
  g_autoptr(GError) error = NULL;
  const char *problem = NULL;
  int y = p->birth_date / 10000, m = p->birth_date / 100 % 100, d = p->birth_date % 100;

  if (wm_codice_fiscale_validate (p->cf, p->sex, y, m, d, &error))
    return;
  switch (error->code)
    {
    case WM_CODICE_FISCALE_ERROR_SEX_MISMATCH:
      wm_imp_warn (r, WM_R_CF_MISMATCH, _("sex (kept as the registry says)"));
      return;
    case WM_CODICE_FISCALE_ERROR_DATE_MISMATCH:
      wm_imp_warn (r, WM_R_CF_MISMATCH, _("birth date (kept as the registry says)"));
      return;
    case WM_CODICE_FISCALE_ERROR_LENGTH:
      problem = _("not 16 characters");
      break;
    case WM_CODICE_FISCALE_ERROR_CHECK:
      problem = _("wrong check character");
      break;
    case WM_CODICE_FISCALE_ERROR_DATE:
      problem = _("impossible birth date in the code");
      break;
    default:
      problem = _("wrong format");
    }
  /* The registry is the population: the person stays, linked by this
   * exact code only. */
  wm_imp_warn (r, WM_R_CF_INVALID, _("%s (kept; other sources link by this exact code)"), problem);
}

static void
index_by_name (WmImporter        *self,
               const WmImpPerson *p,
               guint              index)
{
  g_autofree char *s = wm_import_normalise_name (p->surname);
  g_autofree char *g = wm_import_normalise_name (p->given_name);
  char *key = g_strdup_printf ("%s|%s|%d|%d", s, g, p->birth_date, p->sex);
  const char *stored = intern (self, key);

  g_free (key);
  /* Two persons with the same key: the fallback can link to neither. */
  if (g_hash_table_contains (self->person_by_name, stored))
    g_hash_table_insert (self->person_by_name, (gpointer) stored, NULL);
  else
    g_hash_table_insert (self->person_by_name, (gpointer) stored, GUINT_TO_POINTER (index + 1));
}

gboolean
wm_importer_read_persons (WmImporter  *self,
                          GError     **error)
{
  WmImpReader r;

  if (!wm_imp_reader_open (&r, self, "persons", person_fields, error))
    return FALSE;  /* required: the mapping loader made sure it is named */
  while (wm_imp_reader_next (&r, error))
    {
      WmImpPerson p = { 0 };
      g_autofree char *cf = NULL;
      gpointer found;
      int sex, citizenship = WM_CITIZENSHIP_UNKNOWN;
      const char *text;

      if (!wm_imp_require (&r, P_CF))
        continue;
      cf = wm_codice_fiscale_normalise (wm_imp_value (&r, P_CF));
      found = g_hash_table_lookup (self->person_by_cf, cf);
      if (found != NULL)
        {
          const WmImpPerson *first = &g_array_index (self->persons, WmImpPerson, GPOINTER_TO_UINT (found) - 1);
          g_autofree char *ref = wm_imp_row_ref (first->sheet, first->row);

          wm_imp_reject (&r, WM_R_DUPLICATE, _("same codice fiscale as %s"), ref);
          continue;
        }
      if (!wm_imp_code (&r, P_SEX, "sex", WM_IMPORT_REJECTED, &sex) ||
          !wm_imp_date (&r, P_BIRTH, TRUE, &p.birth_date) ||
          !wm_imp_date (&r, P_DEATH, FALSE, &p.death_date))
        continue;
      if (sex != WM_SEX_MALE && sex != WM_SEX_FEMALE)
        {
          wm_imp_reject (&r, WM_R_UNKNOWN_CODE, _("%s “%s” — [values sex] must give 1 or 2"),
                         wm_imp_column (&r, P_SEX), wm_imp_value (&r, P_SEX));
          continue;
        }
      if (p.death_date != 0 && p.death_date < p.birth_date)
        {
          wm_imp_reject (&r, WM_R_ENDS_BEFORE, _("%s before %s"),
                         wm_imp_column (&r, P_DEATH), wm_imp_column (&r, P_BIRTH));
          continue;
        }
      text = wm_imp_value (&r, P_CITIZENSHIP);
      if (text == NULL && !wm_import_source_has_field (r.src, P_CITIZENSHIP))
        ;  /* the municipality does not export it */
      else if (text == NULL)
        wm_imp_warn (&r, WM_R_MISSING, _("%s (left unknown)"), wm_imp_column (&r, P_CITIZENSHIP));
      else if (!wm_import_mapping_citizenship (self->mapping, text, (WmCitizenship *) &citizenship))
        wm_imp_warn (&r, WM_R_UNKNOWN_CODE, _("%s “%s” (left unknown) — ISTAT state codes have 3 digits"),
                     wm_imp_column (&r, P_CITIZENSHIP), text);
      for (guint f = P_SURNAME; f <= P_GIVEN; f++)
        if (wm_imp_value (&r, f) == NULL)
          wm_imp_warn (&r, WM_R_MISSING, _("%s (the identities will lack it)"), wm_imp_column (&r, f));

      p.cf = intern (self, cf);
      p.surname = intern (self, wm_imp_value (&r, P_SURNAME));
      p.given_name = intern (self, wm_imp_value (&r, P_GIVEN));
      p.birthplace = intern (self, wm_imp_value (&r, P_BIRTHPLACE));
      p.sex = sex;
      p.citizenship = citizenship;
      p.row = r.row.number;
      p.sheet = r.row.sheet;
      check_codice_fiscale (&r, &p);
      g_array_append_val (self->persons, p);
      g_hash_table_insert (self->person_by_cf, (gpointer) p.cf, GUINT_TO_POINTER (self->persons->len));
      if (wm_import_mapping_get_fallback_by_name (self->mapping) && p.surname != NULL && p.given_name != NULL)
        index_by_name (self, &p, self->persons->len - 1);
      wm_imp_linked (&r);
    }
  wm_imp_reader_close (&r);
  return error == NULL || *error == NULL;
}

/* @communal_prefix: upper case, or NULL when the mapping marks no
 * convivenze */
static guint
find_or_add_family (WmImporter *self,
                    const char *code,
                    const char *communal_prefix)
{
  gpointer found = g_hash_table_lookup (self->family_by_code, code);
  WmImpFamily f = { 0 };

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  f.code = intern (self, code);
  f.communal = communal_prefix != NULL && g_str_has_prefix (code, communal_prefix);
  g_array_append_val (self->families, f);
  g_hash_table_insert (self->family_by_code, (gpointer) f.code, GUINT_TO_POINTER (self->families->len));
  return self->families->len - 1;
}

/* The dwelling a residence row names, its point, section and address. */
static guint
residence_dwelling (WmImpReader                  *r,
                    OGRCoordinateTransformationH  ct,
                    gboolean                      have_dwellings_source)
{
  WmImporter *self = r->importer;
  g_autofree char *code = wm_import_normalise_code (wm_imp_value (r, R_DWELLING));
  gpointer found = g_hash_table_lookup (self->dwelling_by_code, code);
  const char *section = wm_imp_value (r, R_SECTION);
  WmImpDwelling *d;
  guint index;
  double lon, lat;

  if (found != NULL)
    index = GPOINTER_TO_UINT (found) - 1;
  else
    {
      index = add_dwelling (self, code, NULL, 0);
      if (have_dwellings_source)
        wm_imp_warn (r, WM_R_NOT_IN_DWELLINGS, _("surface, rooms and tenure left unknown"));
    }
  d = &g_array_index (self->dwellings, WmImpDwelling, index);

  if (wm_imp_point (r, R_X, R_Y, ct, WM_IMPORT_WARNING, &lon, &lat))
    {
      if (!d->has_point)
        {
          d->has_point = TRUE;
          d->lon = lon;
          d->lat = lat;
          d->point_row = r->row.number;
          d->point_sheet = r->row.sheet;
        }
      else if (fabs (d->lon - lon) > SAME_POINT || fabs (d->lat - lat) > SAME_POINT)
        {
          g_autofree char *ref = wm_imp_row_ref (d->point_sheet, d->point_row);

          wm_imp_warn (r, WM_R_POINT_DIFFERS, _("those of %s are kept"), ref);
        }
    }
  if (section != NULL)
    {
      g_autofree char *normal = wm_import_normalise_code (section);

      if (d->section == NULL)
        {
          d->section = intern (self, normal);
          d->section_row = r->row.number;
          d->section_sheet = r->row.sheet;
        }
      else if (!g_str_equal (d->section, normal))
        {
          g_autofree char *ref = wm_imp_row_ref (d->section_sheet, d->section_row);

          wm_imp_warn (r, WM_R_SECTION_DIFFERS, _("that of %s is kept"), ref);
        }
    }
  if (d->address == NULL)
    d->address = intern (self, wm_imp_value (r, R_ADDRESS));
  return index;
}

gboolean
wm_importer_read_residences (WmImporter  *self,
                             GError     **error)
{
  OGRCoordinateTransformationH ct = NULL;
  gboolean have_dwellings = wm_import_mapping_has_source (self->mapping, "dwellings");
  g_autofree char *prefix = wm_import_mapping_get_string (self->mapping, "import", "communal_family_prefix", NULL);
  g_autofree char *communal_prefix = prefix != NULL ? g_ascii_strup (prefix, -1) : NULL;
  WmImpReader r;

  if (!wm_imp_reader_open (&r, self, "residences", residence_fields, error))
    return FALSE;
  if (wm_import_source_has_field (r.src, R_X))
    {
      ct = wm_importer_transform_to_wgs84 (self, "source residences", NULL, error);
      if (ct == NULL)
        {
          wm_imp_reader_close (&r);
          return FALSE;
        }
    }
  while (wm_imp_reader_next (&r, error))
    {
      WmImpResidence res = { 0 };
      const WmImpPerson *p;
      g_autofree char *family = NULL;
      int person;

      if (!wm_imp_require (&r, R_CF))
        continue;
      person = wm_imp_link_person (&r, R_CF, NULL);
      if (person < 0 ||
          !wm_imp_require (&r, R_FAMILY) ||
          !wm_imp_code (&r, R_RELATION, "relation", WM_IMPORT_REJECTED, &res.relation) ||
          !wm_imp_require (&r, R_DWELLING) ||
          !wm_imp_date (&r, R_START, TRUE, &res.start_date) ||
          !wm_imp_date (&r, R_END, FALSE, &res.end_date))
        continue;
      if (res.relation < WM_RELATION_REFERENCE || res.relation > WM_RELATION_OTHER)
        {
          wm_imp_reject (&r, WM_R_UNKNOWN_CODE, _("%s “%s” — [values relation] must give 1 to 6"),
                         wm_imp_column (&r, R_RELATION), wm_imp_value (&r, R_RELATION));
          continue;
        }
      p = &g_array_index (self->persons, WmImpPerson, person);
      if (res.start_date < p->birth_date)
        {
          wm_imp_reject (&r, WM_R_BEFORE_BIRTH, "%s", wm_imp_column (&r, R_START));
          continue;
        }
      if (res.end_date != 0 && res.end_date <= res.start_date)
        {
          wm_imp_reject (&r, WM_R_ENDS_BEFORE, _("%s not after %s"),
                         wm_imp_column (&r, R_END), wm_imp_column (&r, R_START));
          continue;
        }
      /* The dead are not residents, whatever the residence rows say. */
      if (p->death_date != 0 && res.start_date >= p->death_date)
        {
          wm_imp_reject (&r, WM_R_AFTER_DEATH, "%s", wm_imp_column (&r, R_START));
          continue;
        }
      if (p->death_date != 0 && (res.end_date == 0 || res.end_date > p->death_date))
        {
          wm_imp_warn (&r, WM_R_AFTER_DEATH, _("%s: closed on the date of death"), wm_imp_column (&r, R_END));
          res.end_date = p->death_date;
        }
      family = wm_import_normalise_code (wm_imp_value (&r, R_FAMILY));
      res.person = person;
      res.family = find_or_add_family (self, family, communal_prefix);
      res.dwelling = residence_dwelling (&r, ct, have_dwellings);
      res.row = r.row.number;
      res.sheet = r.row.sheet;
      g_array_append_val (self->residences, res);
    }
  g_clear_pointer (&ct, OCTDestroyCoordinateTransformation);
  wm_imp_reader_close (&r);
  return error == NULL || *error == NULL;
}

static int
by_person_start (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  GArray *residences = data;
  const WmImpResidence *ra = &g_array_index (residences, WmImpResidence, *(const guint *) a);
  const WmImpResidence *rb = &g_array_index (residences, WmImpResidence, *(const guint *) b);

  if (ra->person != rb->person)
    return ra->person < rb->person ? -1 : 1;
  if (ra->start_date != rb->start_date)
    return ra->start_date < rb->start_date ? -1 : 1;
  return ra->row < rb->row ? -1 : ra->row > rb->row;
}

static int
by_family_start (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  GArray *residences = data;
  const WmImpResidence *ra = &g_array_index (residences, WmImpResidence, *(const guint *) a);
  const WmImpResidence *rb = &g_array_index (residences, WmImpResidence, *(const guint *) b);

  if (ra->family != rb->family)
    return ra->family < rb->family ? -1 : 1;
  if (ra->start_date != rb->start_date)
    return ra->start_date < rb->start_date ? -1 : 1;
  return ra->row < rb->row ? -1 : ra->row > rb->row;
}

static void
reject_residence (WmImporter     *self,
                  WmImpResidence *res,
                  const char     *reason,
                  const char     *detail)
{
  res->rejected = TRUE;
  wm_import_report_add_in_sheet (self->report, "residences", res->sheet, res->row, WM_IMPORT_REJECTED, reason,
                                 detail != NULL ? "%s" : NULL, detail);
}

static gboolean
ends_after (const WmImpResidence *earlier,
            int                   date)
{
  return earlier->end_date == 0 || earlier->end_date > date;
}

/* The kept residences' indices, sorted by @compare. */
static guint *
sorted_residences (WmImporter       *self,
                   GCompareDataFunc  compare,
                   guint            *n)
{
  guint *order = g_new (guint, MAX (self->residences->len, 1));

  *n = 0;
  for (guint i = 0; i < self->residences->len; i++)
    if (!g_array_index (self->residences, WmImpResidence, i).rejected)
      order[(*n)++] = i;
  g_qsort_with_data (order, *n, sizeof (guint), compare, self->residences);
  return order;
}

static void
check_overlaps (WmImporter *self)
{
  guint n;
  g_autofree guint *order = sorted_residences (self, by_person_start, &n);
  WmImpResidence *kept = NULL;

  for (guint i = 0; i < n; i++)
    {
      WmImpResidence *res = &g_array_index (self->residences, WmImpResidence, order[i]);
      g_autofree char *detail = NULL;
      g_autofree char *ref = NULL;

      if (kept == NULL || kept->person != res->person || !ends_after (kept, res->start_date))
        {
          kept = res;
          continue;
        }
      if (kept->start_date == res->start_date && kept->end_date == res->end_date &&
          kept->family == res->family && kept->dwelling == res->dwelling && kept->relation == res->relation)
        {
          ref = wm_imp_row_ref (kept->sheet, kept->row);
          detail = g_strdup_printf (_("same residence as %s"), ref);
          reject_residence (self, res, WM_R_DUPLICATE, detail);
        }
      else
        {
          ref = wm_imp_row_ref (kept->sheet, kept->row);
          detail = g_strdup_printf (_("with %s"), ref);
          reject_residence (self, res, WM_R_OVERLAP, detail);
        }
    }
}

static void
check_reference_persons (WmImporter *self)
{
  guint n;
  g_autofree guint *order = sorted_residences (self, by_family_start, &n);
  WmImpResidence *reference = NULL;

  for (guint i = 0; i < n; i++)
    {
      WmImpResidence *res = &g_array_index (self->residences, WmImpResidence, order[i]);
      g_autofree char *ref = NULL;

      if (res->relation != WM_RELATION_REFERENCE)
        continue;
      if (reference == NULL || reference->family != res->family || !ends_after (reference, res->start_date))
        {
          reference = res;
          continue;
        }
      /* Two at once: the family keeps its first; the second stays a member. */
      res->relation = WM_RELATION_OTHER_RELATIVE;
      ref = wm_imp_row_ref (reference->sheet, reference->row);
      wm_import_report_add_in_sheet (self->report, "residences", res->sheet, res->row, WM_IMPORT_WARNING,
                                     WM_R_TWO_REFERENCE, _("the first is at %s; imported as “other relative”"), ref);
    }
}

/* Each person's kept residences by start date, for "which family on date D". */
static void
index_person_residences (WmImporter *self)
{
  guint n;
  g_autofree guint *order = sorted_residences (self, by_person_start, &n);

  self->person_res_start = g_new0 (guint, self->persons->len + 1);
  self->person_res = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const WmImpResidence *res = &g_array_index (self->residences, WmImpResidence, order[i]);

      self->person_res_start[res->person + 1]++;
      self->person_res[i] = order[i];
    }
  for (guint p = 0; p < self->persons->len; p++)
    self->person_res_start[p + 1] += self->person_res_start[p];
}

/**
 * wm_importer_check_residences:
 *
 * The checks that need the whole registry: dwellings with no point,
 * overlapping intervals of one person, two reference persons at once in a
 * family, persons left with no residence.
 */
void
wm_importer_check_residences (WmImporter *self)
{
  for (guint i = 0; i < self->residences->len; i++)
    {
      WmImpResidence *res = &g_array_index (self->residences, WmImpResidence, i);

      if (!g_array_index (self->dwellings, WmImpDwelling, res->dwelling).has_point)
        reject_residence (self, res, WM_R_NO_POINT, _("no usable x, y in any row of this dwelling"));
    }
  check_overlaps (self);
  check_reference_persons (self);
  index_person_residences (self);

  for (guint i = 0; i < self->residences->len; i++)
    {
      const WmImpResidence *res = &g_array_index (self->residences, WmImpResidence, i);

      if (res->rejected)
        continue;
      g_array_index (self->persons, WmImpPerson, res->person).has_residence = TRUE;
      g_array_index (self->dwellings, WmImpDwelling, res->dwelling).used = TRUE;
      g_array_index (self->families, WmImpFamily, res->family).id = 1;  /* in use; real id later */
      wm_import_report_count (self->report, "residences", WM_IMPORT_COUNT_LINKED);
    }
  for (guint i = 0; i < self->persons->len; i++)
    {
      const WmImpPerson *p = &g_array_index (self->persons, WmImpPerson, i);

      if (!p->has_residence)
        wm_import_report_add_in_sheet (self->report, "persons", p->sheet, p->row, WM_IMPORT_WARNING,
                                       WM_R_NO_RESIDENCE, _("no usable row in the residences file: not placed on any map"));
    }
}

typedef struct {
  const guint8 *key;
  guint index;
} Order;

static int
by_key (const void *a,
        const void *b)
{
  return memcmp (((const Order *) a)->key, ((const Order *) b)->key, WM_PSEUDONYM_BYTES);
}

/* Ids 1…n in the order of @keys: random-looking, unrelated to the export. */
static void
number_by_key (guint          n,
               const guint8 *(*key_of) (gpointer array, guint i),
               guint        *(*id_of) (gpointer array, guint i),
               gpointer       array)
{
  g_autofree Order *order = g_new (Order, MAX (n, 1));
  guint m = 0, next = 1;

  for (guint i = 0; i < n; i++)
    if (key_of (array, i) != NULL)
      {
        order[m].key = key_of (array, i);
        order[m++].index = i;
      }
  qsort (order, m, sizeof (Order), by_key);
  for (guint i = 0; i < m; i++)
    *id_of (array, order[i].index) = next++;
}

static const guint8 *
person_key (gpointer array, guint i)
{
  return g_array_index ((GArray *) array, WmImpPerson, i).pseudonym;
}

static guint *
person_id (gpointer array, guint i)
{
  return &g_array_index ((GArray *) array, WmImpPerson, i).id;
}

static const guint8 *
family_key (gpointer array, guint i)
{
  WmImpFamily *f = &g_array_index ((GArray *) array, WmImpFamily, i);

  return f->id != 0 ? f->pseudonym : NULL;
}

static guint *
family_id (gpointer array, guint i)
{
  return &g_array_index ((GArray *) array, WmImpFamily, i).id;
}

static const guint8 *
dwelling_key (gpointer array, guint i)
{
  WmImpDwelling *d = &g_array_index ((GArray *) array, WmImpDwelling, i);

  return d->used ? d->order : NULL;
}

static guint *
dwelling_id (gpointer array, guint i)
{
  return &g_array_index ((GArray *) array, WmImpDwelling, i).id;
}

/**
 * wm_importer_assign_ids:
 *
 * Pseudonyms for persons and families; ids for persons, the families and
 * dwellings in use, in the order of keyed hashes. Dwellings of the
 * dwellings file that no one lives in are reported and left out.
 */
void
wm_importer_assign_ids (WmImporter *self)
{
  for (guint i = 0; i < self->persons->len; i++)
    {
      WmImpPerson *p = &g_array_index (self->persons, WmImpPerson, i);

      wm_importer_pseudonym (self, NULL, p->cf, p->pseudonym);
    }
  for (guint i = 0; i < self->families->len; i++)
    {
      WmImpFamily *f = &g_array_index (self->families, WmImpFamily, i);

      wm_importer_pseudonym (self, "famiglia:", f->code, f->pseudonym);
    }
  for (guint i = 0; i < self->dwellings->len; i++)
    {
      WmImpDwelling *d = &g_array_index (self->dwellings, WmImpDwelling, i);

      wm_importer_pseudonym (self, "abitazione:", d->code, d->order);
      if (d->row == 0)
        continue;
      if (d->used)
        wm_import_report_count (self->report, "dwellings", WM_IMPORT_COUNT_LINKED);
      else
        wm_import_report_add_in_sheet (self->report, "dwellings", d->sheet, d->row, WM_IMPORT_REJECTED, WM_R_UNUSED,
                                       _("no usable residence in this dwelling"));
    }
  number_by_key (self->persons->len, person_key, person_id, self->persons);
  number_by_key (self->families->len, family_key, family_id, self->families);
  number_by_key (self->dwellings->len, dwelling_key, dwelling_id, self->dwellings);
}
