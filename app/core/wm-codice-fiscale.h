/* wm-codice-fiscale.h — Italian tax codes: compute, parse, validate
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

#include "wm-schema.h"

G_BEGIN_DECLS

#define WM_CODICE_FISCALE_ERROR (wm_codice_fiscale_error_quark ())

typedef enum {
  WM_CODICE_FISCALE_ERROR_LENGTH,
  WM_CODICE_FISCALE_ERROR_FORMAT,
  WM_CODICE_FISCALE_ERROR_CHECK,
  WM_CODICE_FISCALE_ERROR_DATE,
  WM_CODICE_FISCALE_ERROR_SEX_MISMATCH,
  WM_CODICE_FISCALE_ERROR_DATE_MISMATCH,
} WmCodiceFiscaleError;

/* What a valid code says about its holder. */
typedef struct {
  char code[17];        /* normalised: upper case, no spaces, as given (omocodia kept) */
  WmSex sex;
  int year2;            /* two-digit birth year */
  int month;            /* 1..12 */
  int day;              /* 1..31 */
  char birthplace[5];   /* Belfiore code, digits restored: "L378", "Z330" */
  int omocodia;         /* how many digits were replaced by letters (0..7) */
} WmCodiceFiscale;

GQuark    wm_codice_fiscale_error_quark (void);

char     *wm_codice_fiscale_compute     (const char  *surname,
                                         const char  *given_name,
                                         WmSex        sex,
                                         int          year,
                                         int          month,
                                         int          day,
                                         const char  *birthplace);
char      wm_codice_fiscale_check_char  (const char  *first15);
char     *wm_codice_fiscale_omocode     (const char  *code,
                                         int          level);
char     *wm_codice_fiscale_normalise   (const char  *code);
gboolean  wm_codice_fiscale_parse       (const char       *code,
                                         WmCodiceFiscale  *out,
                                         GError          **error);
gboolean  wm_codice_fiscale_validate    (const char  *code,
                                         WmSex        sex,
                                         int          year,
                                         int          month,
                                         int          day,
                                         GError     **error);
int       wm_codice_fiscale_full_year   (const WmCodiceFiscale *cf,
                                         int                    reference_year);

G_END_DECLS
