/* wm-schema.h — the database inside an extract: tables and the codes they use
 *
 * The schema is the contract between the importer (which writes it), the
 * indicator engine, the map and the atlas (which read it). Any change bumps
 * WM_SCHEMA_VERSION; readers refuse a version they do not know.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "wm-user-area.h"

G_BEGIN_DECLS

#define WM_SCHEMA_VERSION 2  /* 2: family.communal */

#define WM_SCHEMA_ERROR (wm_schema_error_quark ())

typedef enum {
  WM_SCHEMA_ERROR_SQL,
  WM_SCHEMA_ERROR_NOT_AN_EXTRACT,
  WM_SCHEMA_ERROR_VERSION,
} WmSchemaError;

/* person.sex */
typedef enum {
  WM_SEX_MALE = 1,
  WM_SEX_FEMALE = 2,
} WmSex;

/* person.citizenship: groups, as ISTAT publishes them */
typedef enum {
  WM_CITIZENSHIP_UNKNOWN = 0,
  WM_CITIZENSHIP_ITALIAN = 1,
  WM_CITIZENSHIP_EU = 2,
  WM_CITIZENSHIP_NON_EU = 3,
} WmCitizenship;

/* person.education: highest qualification, ISTAT census scale */
typedef enum {
  WM_EDUCATION_UNKNOWN = 0,
  WM_EDUCATION_NONE = 1,            /* analfabeta / alfabeta senza titolo */
  WM_EDUCATION_PRIMARY = 2,         /* licenza elementare */
  WM_EDUCATION_LOWER_SECONDARY = 3, /* licenza media */
  WM_EDUCATION_UPPER_SECONDARY = 4, /* diploma (incl. qualifica professionale) */
  WM_EDUCATION_TERTIARY = 5,        /* laurea, AFAM, dottorato */
} WmEducation;

/* residence.relation: relation to the family's reference person */
typedef enum {
  WM_RELATION_REFERENCE = 1,        /* intestatario scheda */
  WM_RELATION_PARTNER = 2,          /* coniuge, convivente, unito civilmente */
  WM_RELATION_CHILD = 3,            /* figlio/a (also of the partner) */
  WM_RELATION_PARENT = 4,           /* genitore, suocero/a */
  WM_RELATION_OTHER_RELATIVE = 5,
  WM_RELATION_OTHER = 6,            /* convivente non parente */
} WmRelation;

/* person_year.condition: professional condition at 31 December */
typedef enum {
  WM_CONDITION_UNKNOWN = 0,
  WM_CONDITION_EMPLOYED = 1,
  WM_CONDITION_UNEMPLOYED = 2,
  WM_CONDITION_STUDENT = 3,
  WM_CONDITION_RETIRED = 4,
  WM_CONDITION_HOMEMAKER = 5,
  WM_CONDITION_OTHER = 6,           /* inactive for other reasons, incl. children under 15 */
} WmCondition;

/* dwelling.tenure */
typedef enum {
  WM_TENURE_UNKNOWN = 0,
  WM_TENURE_OWNED = 1,
  WM_TENURE_RENTED = 2,
  WM_TENURE_PUBLIC_HOUSING = 3,     /* edilizia residenziale pubblica */
  WM_TENURE_OTHER = 4,              /* uso gratuito, usufrutto */
} WmTenure;

GQuark       wm_schema_error_quark   (void);
const char  *wm_schema_sql           (void);
const char  *wm_schema_identity_sql  (void);
gboolean     wm_schema_create        (sqlite3     *db,
                                      GError     **error);
gboolean     wm_schema_create_identity (sqlite3   *db,
                                        const char *schema_name,
                                        GError    **error);
gboolean     wm_schema_check         (sqlite3     *db,
                                      GError     **error);
char        *wm_schema_meta_get      (sqlite3     *db,
                                      const char  *key);
gboolean     wm_schema_meta_set      (sqlite3     *db,
                                      const char  *key,
                                      const char  *value,
                                      GError     **error);

G_END_DECLS
