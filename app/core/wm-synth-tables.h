/* wm-synth-tables.h — bundled lists the synthetic population is drawn from
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *belfiore;
  const char *name;
  int         region;      /* ISTAT region code, 1..20 */
  int         population;  /* 2011 census: the weight of being born there */
} WmSynthComune;

typedef struct {
  const char *name;
  int         istat;       /* ISTAT 3-digit state code (citizenship) */
  const char *belfiore;    /* "Z" + 3 digits (birthplace in the codice fiscale) */
  gboolean    eu;
  const char *male;        /* '|'-separated given names */
  const char *female;
  const char *surnames;
} WmSynthCountry;

/* Social services: code, user area, label, economic benefit (has an amount). */
typedef struct {
  const char *code;
  const char *area;
  const char *label;
  gboolean    economic;
} WmSynthService;

typedef enum {
  WM_SYNTH_NAMES_OLD,      /* born before 1960 */
  WM_SYNTH_NAMES_MIDDLE,   /* 1960–1989 */
  WM_SYNTH_NAMES_YOUNG,    /* 1990 on */
  WM_SYNTH_N_COHORTS
} WmSynthCohort;

typedef enum {
  WM_SYNTH_FLAVOUR_ITALY,
  WM_SYNTH_FLAVOUR_NORTH,  /* Lombardia, Trentino, Veneto */
  WM_SYNTH_FLAVOUR_SOUTH,  /* Sicilia, Campania, Calabria, Puglia */
  WM_SYNTH_N_FLAVOURS
} WmSynthFlavour;

extern const WmSynthComune  wm_synth_comuni[];
extern const guint          wm_synth_n_comuni;
extern const WmSynthCountry wm_synth_countries[];
extern const guint          wm_synth_n_countries;
extern const WmSynthService wm_synth_services[];
extern const guint          wm_synth_n_services;

/* Split lists, built once (thread-safe). */
typedef struct {
  GStrv surnames[WM_SYNTH_N_FLAVOURS];
  GStrv given[2][WM_SYNTH_N_COHORTS];   /* [0] male, [1] female */
  GStrv streets;
  GStrv country_male[64];
  GStrv country_female[64];
  GStrv country_surnames[64];
} WmSynthNames;

const WmSynthNames *wm_synth_names        (void);
int                 wm_synth_country_find (const char *name);
int                 wm_synth_comune_find  (const char *belfiore);
const WmSynthService *wm_synth_service_find (const char *code);

G_END_DECLS
