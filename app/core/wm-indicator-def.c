/* wm-indicator-def.c — the registry of indicator definitions
 *
 * Italian and English texts are both kept (not translated through gettext)
 * because an atlas may be printed in Italian from an English desktop. The
 * rules that hold for every indicator (snapshot, family, unknown values)
 * are in wm-indicators.md; each record says what is specific to it.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-indicator-def.h"

/* Sources in English, translated when shown (wm_indicator_def_get_source). */
#define IVSM_SOURCE N_("ISTAT, Indice di vulnerabilità sociale e materiale (IVSM), census 2011 definition")
#define SERVICES_SOURCE N_("Service records (cartella sociale) by CISIS nomenclatore user area; eligibility as defined by WelfareMap")

static const WmIndicatorDef defs[WM_N_INDICATORS] = {
  { WM_INDICATOR_IVSM_LOW_EDUCATION, "ivsm_low_education",
    WM_INDICATOR_THEME_IVSM_COMPONENTS, WM_INDICATOR_UNIT_PERCENT,
    WM_INDICATOR_POLARITY_HIGHER_IS_WORSE, WM_INDICATOR_SUBJECT_PERSONS,
    "Bassa istruzione (25–64 anni)",
    "Low education (aged 25–64)",
    "Quota di adulti di 25–64 anni senza titolo di studio o con la sola licenza elementare.",
    "Share of adults aged 25–64 with no qualification or primary school only.",
    "Residenti di 25–64 anni senza titolo di studio o con licenza elementare.",
    "Residents aged 25–64 whose highest qualification is none or primary school (licenza elementare).",
    "Residenti di 25–64 anni con titolo di studio noto (chi ha titolo ignoto è escluso da numeratore e denominatore).",
    "Residents aged 25–64 whose education is known (unknown education is left out of numerator and denominator).",
    N_("ISTAT, Indice di vulnerabilità sociale e materiale (IVSM), census 2011 definition; "
       "education threshold as in DESIGN.md §5") },

  { WM_INDICATOR_IVSM_LARGE_FAMILIES, "ivsm_large_families",
    WM_INDICATOR_THEME_IVSM_COMPONENTS, WM_INDICATOR_UNIT_PERCENT,
    WM_INDICATOR_POLARITY_HIGHER_IS_WORSE, WM_INDICATOR_SUBJECT_FAMILIES,
    "Famiglie numerose",
    "Large families",
    "Quota di famiglie con 6 o più componenti.",
    "Share of families with 6 or more members.",
    "Famiglie con 6 o più componenti residenti al 31 dicembre.",
    "Families with 6 or more members resident on 31 December.",
    "Famiglie (con almeno un componente residente al 31 dicembre); le convivenze (case di riposo, "
    "comunità religiose) non sono famiglie e sono escluse.",
    "Families (with at least one member resident on 31 December); convivenze (care homes, religious "
    "communities) are not families and are left out.",
    IVSM_SOURCE },

  { WM_INDICATOR_IVSM_SINGLE_PARENT, "ivsm_single_parent",
    WM_INDICATOR_THEME_IVSM_COMPONENTS, WM_INDICATOR_UNIT_PERCENT,
    WM_INDICATOR_POLARITY_HIGHER_IS_WORSE, WM_INDICATOR_SUBJECT_FAMILIES,
    "Famiglie monogenitoriali giovani o adulte",
    "Single-parent families (parent under 65)",
    "Quota di famiglie con un solo genitore di meno di 65 anni e almeno un figlio.",
    "Share of families with one parent under 65 and at least one child.",
    "Famiglie la cui persona di riferimento ha meno di 65 anni, con almeno un figlio (relazione «figlio») "
    "e senza coniuge o convivente; una famiglia senza persona di riferimento non è mai contata.",
    "Families whose reference person is under 65, with at least one child (relation “child”) and no "
    "partner; a family without a reference person is never counted.",
    "Famiglie (convivenze escluse).",
    "Families (convivenze left out).",
    IVSM_SOURCE },

  { WM_INDICATOR_IVSM_CARE_HARDSHIP, "ivsm_care_hardship",
    WM_INDICATOR_THEME_IVSM_COMPONENTS, WM_INDICATOR_UNIT_PERCENT,
    WM_INDICATOR_POLARITY_HIGHER_IS_WORSE, WM_INDICATOR_SUBJECT_FAMILIES,
    "Famiglie con potenziale disagio assistenziale",
    "Families with potential care hardship",
    "Quota di famiglie composte solo da anziani (65 anni e più) con almeno un componente di 80 anni e più.",
    "Share of families made only of persons aged 65+, at least one of them aged 80+.",
    "Famiglie i cui componenti hanno tutti 65 anni o più, almeno uno 80 o più.",
    "Families whose members are all aged 65 or more, at least one of them 80 or more.",
    "Famiglie (convivenze escluse).",
    "Families (convivenze left out).",
    IVSM_SOURCE },

  { WM_INDICATOR_IVSM_OVERCROWDING, "ivsm_overcrowding",
    WM_INDICATOR_THEME_IVSM_COMPONENTS, WM_INDICATOR_UNIT_PERCENT,
    WM_INDICATOR_POLARITY_HIGHER_IS_WORSE, WM_INDICATOR_SUBJECT_PERSONS,
    "Popolazione in affollamento grave",
    "Persons in severe overcrowding",
    "Quota di residenti in abitazioni gravemente sovraffollate.",
    "Share of residents living in severely overcrowded dwellings.",
    "Occupanti di abitazioni sotto i 40 m² con più di 4 occupanti, da 40 a meno di 60 m² con più di 5, "
    "da 60 a meno di 80 m² con più di 6 (un'abitazione di esattamente 40, 60 o 80 m² sta nella fascia "
    "superiore). Gli occupanti sono tutti i residenti dell'abitazione, di qualsiasi famiglia; sono contati "
    "nell'area dell'abitazione. I membri di una convivenza non sono occupanti di un'abitazione.",
    "Occupants of dwellings under 40 m² with more than 4 occupants, 40 to under 60 m² with more than 5, "
    "60 to under 80 m² with more than 6 (a dwelling of exactly 40, 60 or 80 m² is in the higher band). "
    "Occupants are all residents of the dwelling, of any family; they are counted in the dwelling's area. "
    "Members of a convivenza are no dwelling's occupants.",
    "Occupanti di abitazioni con superficie nota (superficie mancante o non positiva: abitazione esclusa).",
    "Occupants of dwellings whose surface is known (a missing or non-positive surface leaves the dwelling out).",
    IVSM_SOURCE },

  { WM_INDICATOR_IVSM_NEET, "ivsm_neet",
    WM_INDICATOR_THEME_IVSM_COMPONENTS, WM_INDICATOR_UNIT_PERCENT,
    WM_INDICATOR_POLARITY_HIGHER_IS_WORSE, WM_INDICATOR_SUBJECT_PERSONS,
    "Giovani fuori dal mercato del lavoro e dalla formazione",
    "Young people not in employment or education (NEET)",
    "Quota di giovani di 15–29 anni che non lavorano e non studiano.",
    "Share of young people aged 15–29 neither employed nor in education.",
    "Residenti di 15–29 anni né occupati né studenti (disoccupati, ritirati dal lavoro, casalinghi, "
    "altri inattivi).",
    "Residents aged 15–29 neither employed nor students (unemployed, retired, homemakers, other inactive).",
    "Residenti di 15–29 anni con condizione professionale nota.",
    "Residents aged 15–29 whose professional condition is known.",
    IVSM_SOURCE },

  { WM_INDICATOR_IVSM_ECONOMIC_HARDSHIP, "ivsm_economic_hardship",
    WM_INDICATOR_THEME_IVSM_COMPONENTS, WM_INDICATOR_UNIT_PERCENT,
    WM_INDICATOR_POLARITY_HIGHER_IS_WORSE, WM_INDICATOR_SUBJECT_FAMILIES,
    "Famiglie con potenziale disagio economico",
    "Families with potential economic hardship",
    "Quota di famiglie con figli, persona di riferimento sotto i 65 anni e nessun componente occupato o "
    "ritirato dal lavoro.",
    "Share of families with children, a reference person under 65 and no member employed or retired.",
    "Famiglie con almeno un figlio (relazione «figlio»), persona di riferimento sotto i 65 anni, nessun "
    "componente occupato o ritirato dal lavoro e condizione nota per ogni componente di 15 anni e più "
    "(con una condizione ignota non si può escludere un percettore di reddito: famiglia non contata).",
    "Families with at least one child (relation “child”), a reference person under 65, no member employed "
    "or retired, and a known condition for every member aged 15+ (with an unknown condition an earner "
    "cannot be ruled out: the family is not counted).",
    "Famiglie (convivenze escluse).",
    "Families (convivenze left out).",
    IVSM_SOURCE },

  { WM_INDICATOR_IVSM, "ivsm",
    WM_INDICATOR_THEME_COMPOSITE, WM_INDICATOR_UNIT_INDEX,
    WM_INDICATOR_POLARITY_HIGHER_IS_WORSE, WM_INDICATOR_SUBJECT_NONE,
    "Indice di vulnerabilità sociale e materiale (IVSM)",
    "Social and material vulnerability index (IVSM)",
    "Indice composito dei sette indicatori IVSM (indice di Mazziotta–Pareto corretto, AMPI+): ogni "
    "indicatore è normalizzato come 100 + 60·(x − riferimento)/(massimo − minimo), con massimo e minimo "
    "su tutte le aree e tutti gli anni del livello; l'indice è la media delle sette componenti più "
    "deviazione standard × coefficiente di variazione. 100 = valore di riferimento (per default il comune "
    "nel primo anno). Nessun dato se manca una componente.",
    "Composite of the seven IVSM indicators (adjusted Mazziotta–Pareto index, AMPI+): each indicator is "
    "normalised as 100 + 60·(x − reference)/(max − min), max and min over every area and year of the "
    "level; the index is the mean of the seven plus standard deviation × coefficient of variation. "
    "100 = the reference (by default the municipality in the first year). No data when a component has none.",
    "—", "—", "—", "—",
    N_("ISTAT, Indice di vulnerabilità sociale e materiale (IVSM), census 2011 definition; "
       "Mazziotta & Pareto (2016), adjusted MPI") },

  { WM_INDICATOR_ISEE_LOW_FAMILIES, "isee_low_families",
    WM_INDICATOR_THEME_ECONOMIC, WM_INDICATOR_UNIT_PERCENT,
    WM_INDICATOR_POLARITY_HIGHER_IS_WORSE, WM_INDICATOR_SUBJECT_FAMILIES,
    "Famiglie con ISEE sotto soglia",
    "Families with ISEE below the threshold",
    "Quota di famiglie con un ISEE dell'anno inferiore alla soglia dell'anno.",
    "Share of families whose ISEE for the year is below the year's threshold.",
    "Famiglie con dichiarazione ISEE dell'anno strettamente inferiore alla soglia (le famiglie senza "
    "dichiarazione contano come non sotto soglia).",
    "Families whose ISEE declaration for the year is strictly below the threshold (families without a "
    "declaration count as not below).",
    "Famiglie (convivenze escluse), negli anni per cui l'estratto ha una soglia ISEE (senza soglia: nessun dato).",
    "Families (convivenze left out), in years for which the extract has an ISEE threshold (no threshold: no data).",
    N_("INPS ISEE declarations (DSU); threshold per year from the extract") },

  { WM_INDICATOR_ISEE_LOW_MINORS, "isee_low_minors",
    WM_INDICATOR_THEME_ECONOMIC, WM_INDICATOR_UNIT_PERCENT,
    WM_INDICATOR_POLARITY_HIGHER_IS_WORSE, WM_INDICATOR_SUBJECT_PERSONS,
    "Minori in famiglie con ISEE sotto soglia",
    "Minors in families with ISEE below the threshold",
    "Quota di minori (0–17 anni) che vivono in famiglie con ISEE sotto la soglia dell'anno.",
    "Share of minors (aged 0–17) living in families whose ISEE is below the year's threshold.",
    "Residenti di 0–17 anni la cui famiglia (non una convivenza) ha un ISEE dell'anno inferiore alla soglia.",
    "Residents aged 0–17 whose family's (not a convivenza's) ISEE for the year is below the threshold.",
    "Residenti di 0–17 anni, negli anni con una soglia ISEE.",
    "Residents aged 0–17, in years with an ISEE threshold.",
    N_("INPS ISEE declarations (DSU); threshold per year from the extract") },

  { WM_INDICATOR_ELDERLY_ALONE_65, "elderly_alone_65",
    WM_INDICATOR_THEME_ELDERLY_CARE, WM_INDICATOR_UNIT_PERCENT,
    WM_INDICATOR_POLARITY_HIGHER_IS_WORSE, WM_INDICATOR_SUBJECT_PERSONS,
    "Anziani soli (65 anni e più)",
    "Persons aged 65+ living alone",
    "Quota di residenti di 65 anni e più che vivono soli.",
    "Share of residents aged 65+ who live alone.",
    "Residenti di 65 anni e più unici componenti della loro famiglia (chi vive in una convivenza non vive solo).",
    "Residents aged 65+ who are the only member of their family (who lives in a convivenza does not live alone).",
    "Residenti di 65 anni e più.",
    "Residents aged 65+.",
    N_("ISTAT demographic indicator (anziani soli), from the population registry") },

  { WM_INDICATOR_ELDERLY_ALONE_80, "elderly_alone_80",
    WM_INDICATOR_THEME_ELDERLY_CARE, WM_INDICATOR_UNIT_PERCENT,
    WM_INDICATOR_POLARITY_HIGHER_IS_WORSE, WM_INDICATOR_SUBJECT_PERSONS,
    "Grandi anziani soli (80 anni e più)",
    "Persons aged 80+ living alone",
    "Quota di residenti di 80 anni e più che vivono soli.",
    "Share of residents aged 80+ who live alone.",
    "Residenti di 80 anni e più unici componenti della loro famiglia (chi vive in una convivenza non vive solo).",
    "Residents aged 80+ who are the only member of their family (who lives in a convivenza does not live alone).",
    "Residenti di 80 anni e più.",
    "Residents aged 80+.",
    N_("ISTAT demographic indicator (anziani soli), from the population registry") },

  { WM_INDICATOR_OLD_AGE_DEPENDENCY, "old_age_dependency",
    WM_INDICATOR_THEME_ELDERLY_CARE, WM_INDICATOR_UNIT_PER_100,
    WM_INDICATOR_POLARITY_HIGHER_IS_WORSE, WM_INDICATOR_SUBJECT_PERSONS,
    "Indice di dipendenza degli anziani",
    "Old-age dependency ratio",
    "Residenti di 65 anni e più ogni 100 residenti di 15–64 anni.",
    "Residents aged 65+ per 100 residents aged 15–64.",
    "Residenti di 65 anni e più.",
    "Residents aged 65+.",
    "Residenti di 15–64 anni.",
    "Residents aged 15–64.",
    N_("ISTAT demographic indicator (indice di dipendenza degli anziani)") },

  { WM_INDICATOR_CARE_COVERAGE, "care_coverage",
    WM_INDICATOR_THEME_ELDERLY_CARE, WM_INDICATOR_UNIT_PERCENT,
    WM_INDICATOR_POLARITY_HIGHER_IS_BETTER, WM_INDICATOR_SUBJECT_PERSONS,
    "Copertura dell'assistenza domiciliare",
    "Home care coverage",
    "Quota di persone con un bisogno assistenziale accertato che ricevono assistenza domiciliare.",
    "Share of persons with an assessed care need who receive home care.",
    "Residenti con bisogno assistenziale accertato al 31 dicembre che nell'anno hanno avuto un intervento "
    "personale di assistenza domiciliare (codici di assistenza domiciliare, vedi wm-indicators.md).",
    "Residents with an assessed care need on 31 December who had a personal home-care episode during "
    "the year (home-care service codes, see wm-indicators.md).",
    "Residenti con bisogno assistenziale accertato (qualsiasi livello) al 31 dicembre.",
    "Residents with an assessed care need (any level) on 31 December.",
    N_("Care-need assessments and service records (cartella sociale)") },

  { WM_INDICATOR_FOREIGN_RESIDENTS, "foreign_residents",
    WM_INDICATOR_THEME_POPULATION, WM_INDICATOR_UNIT_PERCENT,
    WM_INDICATOR_POLARITY_NEUTRAL, WM_INDICATOR_SUBJECT_PERSONS,
    "Residenti stranieri",
    "Foreign residents",
    "Quota di residenti con cittadinanza straniera (UE o extra UE).",
    "Share of residents with a foreign citizenship (EU or non-EU).",
    "Residenti con cittadinanza straniera.",
    "Residents with a foreign citizenship.",
    "Residenti con cittadinanza nota.",
    "Residents whose citizenship is known.",
    N_("ISTAT demographic indicator (incidenza di residenti stranieri), from the population registry") },

  { WM_INDICATOR_TAKEUP_FAM, "takeup_fam",
    WM_INDICATOR_THEME_SERVICES, WM_INDICATOR_UNIT_PERCENT,
    WM_INDICATOR_POLARITY_HIGHER_IS_BETTER, WM_INDICATOR_SUBJECT_FAMILIES,
    "Famiglie con minori raggiunte dai servizi famiglia e minori",
    "Families with minors reached by family and minors services",
    "Quota di famiglie con minori che nell'anno hanno ricevuto un intervento dell'area FAM.",
    "Share of families with minors that received a FAM (families and minors) service during the year.",
    "Famiglie con almeno un minore con un intervento FAM nell'anno, intestato alla famiglia o a un suo componente.",
    "Families with at least one minor with a FAM episode during the year, of the family or of any member.",
    "Famiglie (convivenze escluse) con almeno un componente di 0–17 anni.",
    "Families (convivenze left out) with at least one member aged 0–17.",
    SERVICES_SOURCE },

  { WM_INDICATOR_TAKEUP_DIS, "takeup_dis",
    WM_INDICATOR_THEME_SERVICES, WM_INDICATOR_UNIT_PERCENT,
    WM_INDICATOR_POLARITY_HIGHER_IS_BETTER, WM_INDICATOR_SUBJECT_PERSONS,
    "Persone con bisogno assistenziale sotto i 65 anni raggiunte dai servizi per la disabilità",
    "Persons under 65 with a care need reached by disability services",
    "Quota di persone sotto i 65 anni con bisogno assistenziale accertato che nell'anno hanno ricevuto "
    "un intervento dell'area DIS.",
    "Share of persons under 65 with an assessed care need who received a DIS (disability) service during "
    "the year.",
    "Residenti sotto i 65 anni con bisogno assistenziale accertato e un intervento personale DIS nell'anno.",
    "Residents under 65 with an assessed care need and a personal DIS episode during the year.",
    "Residenti sotto i 65 anni con bisogno assistenziale accertato al 31 dicembre.",
    "Residents under 65 with an assessed care need on 31 December.",
    SERVICES_SOURCE },

  { WM_INDICATOR_TAKEUP_ADD, "takeup_add",
    WM_INDICATOR_THEME_SERVICES, WM_INDICATOR_UNIT_PER_1000,
    WM_INDICATOR_POLARITY_NEUTRAL, WM_INDICATOR_SUBJECT_PERSONS,
    "Utenti dei servizi per le dipendenze (per 1.000 residenti di 15–64 anni)",
    "Addiction service users (per 1,000 residents aged 15–64)",
    "Utenti dell'area ADD ogni 1.000 residenti di 15–64 anni: i dati non dicono chi ne avrebbe diritto, "
    "quindi il denominatore è la popolazione in età attiva.",
    "ADD (addictions) service users per 1,000 residents aged 15–64: the data cannot tell who would be "
    "eligible, so the denominator is the working-age population.",
    "Residenti di 15–64 anni con un intervento personale ADD nell'anno.",
    "Residents aged 15–64 with a personal ADD episode during the year.",
    "Residenti di 15–64 anni.",
    "Residents aged 15–64.",
    SERVICES_SOURCE },

  { WM_INDICATOR_TAKEUP_ELD, "takeup_eld",
    WM_INDICATOR_THEME_SERVICES, WM_INDICATOR_UNIT_PERCENT,
    WM_INDICATOR_POLARITY_HIGHER_IS_BETTER, WM_INDICATOR_SUBJECT_PERSONS,
    "Anziani raggiunti dai servizi per anziani",
    "Elderly persons reached by elderly services",
    "Quota di residenti di 65 anni e più che nell'anno hanno ricevuto un intervento dell'area ELD.",
    "Share of residents aged 65+ who received an ELD (elderly) service during the year.",
    "Residenti di 65 anni e più con un intervento personale ELD nell'anno.",
    "Residents aged 65+ with a personal ELD episode during the year.",
    "Residenti di 65 anni e più.",
    "Residents aged 65+.",
    SERVICES_SOURCE },

  { WM_INDICATOR_TAKEUP_IMMNOM, "takeup_immnom",
    WM_INDICATOR_THEME_SERVICES, WM_INDICATOR_UNIT_PERCENT,
    WM_INDICATOR_POLARITY_HIGHER_IS_BETTER, WM_INDICATOR_SUBJECT_PERSONS,
    "Residenti stranieri raggiunti dai servizi per immigrati",
    "Foreign residents reached by immigrant services",
    "Quota di residenti stranieri che nell'anno hanno ricevuto un intervento dell'area IMMNOM.",
    "Share of foreign residents who received an IMMNOM (immigrants and nomads) service during the year.",
    "Residenti con cittadinanza straniera con un intervento personale IMMNOM nell'anno.",
    "Residents with a foreign citizenship and a personal IMMNOM episode during the year.",
    "Residenti con cittadinanza straniera.",
    "Residents with a foreign citizenship.",
    SERVICES_SOURCE },

  { WM_INDICATOR_TAKEUP_POV, "takeup_pov",
    WM_INDICATOR_THEME_SERVICES, WM_INDICATOR_UNIT_PERCENT,
    WM_INDICATOR_POLARITY_HIGHER_IS_BETTER, WM_INDICATOR_SUBJECT_FAMILIES,
    "Famiglie con ISEE sotto soglia raggiunte dai servizi contro la povertà",
    "Low-ISEE families reached by poverty services",
    "Quota di famiglie con ISEE sotto soglia che nell'anno hanno ricevuto un intervento dell'area POV.",
    "Share of families with ISEE below the threshold that received a POV (poverty and adult hardship) "
    "service during the year.",
    "Famiglie con ISEE sotto soglia con un intervento POV nell'anno, intestato alla famiglia o a un suo "
    "componente.",
    "Families with ISEE below the threshold with a POV episode during the year, of the family or of any member.",
    "Famiglie (convivenze escluse) con ISEE sotto la soglia dell'anno.",
    "Families (convivenze left out) with ISEE below the year's threshold.",
    SERVICES_SOURCE },

  { WM_INDICATOR_TAKEUP_MULBEN, "takeup_mulben",
    WM_INDICATOR_THEME_SERVICES, WM_INDICATOR_UNIT_PER_1000,
    WM_INDICATOR_POLARITY_NEUTRAL, WM_INDICATOR_SUBJECT_PERSONS,
    "Utenti dei servizi multiutenza (per 1.000 residenti)",
    "Multi-user service users (per 1,000 residents)",
    "Utenti dell'area MULBEN ogni 1.000 residenti: servizi aperti a tutti, il denominatore è l'intera popolazione.",
    "MULBEN (multi-user) service users per 1,000 residents: services open to all, so the denominator is "
    "the whole population.",
    "Residenti con un intervento personale MULBEN nell'anno.",
    "Residents with a personal MULBEN episode during the year.",
    "Residenti.",
    "Residents.",
    SERVICES_SOURCE },
};

/**
 * wm_indicator_defs:
 * @n_defs: (out): WM_N_INDICATORS
 *
 * Returns: (array length=n_defs): every definition, in WmIndicatorId order
 */
const WmIndicatorDef *
wm_indicator_defs (guint *n_defs)
{
  if (n_defs != NULL)
    *n_defs = G_N_ELEMENTS (defs);
  return defs;
}

const WmIndicatorDef *
wm_indicator_def_get (WmIndicatorId index)
{
  g_return_val_if_fail (index < WM_N_INDICATORS, NULL);
  return &defs[index];
}

/* Returns: (nullable): the definition with that id, %NULL if none */
const WmIndicatorDef *
wm_indicator_def_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (defs); i++)
    if (g_strcmp0 (defs[i].id, id) == 0)
      return &defs[i];
  return NULL;
}

static gboolean
ui_is_italian (void)
{
  const char *const *langs = g_get_language_names ();

  return langs[0] != NULL && g_str_has_prefix (langs[0], "it");
}

/* The label in the UI language (Italian for an Italian locale, else English). */
const char *
wm_indicator_def_get_label (const WmIndicatorDef *def)
{
  return ui_is_italian () ? def->label_it : def->label_en;
}

const char *
wm_indicator_def_get_description (const WmIndicatorDef *def)
{
  return ui_is_italian () ? def->description_it : def->description_en;
}

const char *
wm_indicator_def_get_numerator (const WmIndicatorDef *def)
{
  return ui_is_italian () ? def->numerator_it : def->numerator_en;
}

const char *
wm_indicator_def_get_denominator (const WmIndicatorDef *def)
{
  return ui_is_italian () ? def->denominator_it : def->denominator_en;
}

/* Where the data comes from, in the UI language. */
const char *
wm_indicator_def_get_source (const WmIndicatorDef *def)
{
  return _(def->source);
}

/* What num/den is multiplied by to give the value. */
double
wm_indicator_unit_scale (WmIndicatorUnit unit)
{
  switch (unit)
    {
    case WM_INDICATOR_UNIT_PERCENT:
    case WM_INDICATOR_UNIT_PER_100:
      return 100.0;
    case WM_INDICATOR_UNIT_PER_1000:
      return 1000.0;
    case WM_INDICATOR_UNIT_EURO:
    case WM_INDICATOR_UNIT_INDEX:
    default:
      return 1.0;
    }
}

const char *
wm_indicator_unit_symbol (WmIndicatorUnit unit)
{
  switch (unit)
    {
    case WM_INDICATOR_UNIT_PERCENT:
      return "%";
    case WM_INDICATOR_UNIT_PER_100:
      /* TRANSLATORS: unit of a ratio such as the old-age dependency ratio */
      return _("per 100");
    case WM_INDICATOR_UNIT_PER_1000:
      return "‰";
    case WM_INDICATOR_UNIT_EURO:
      return "€";
    case WM_INDICATOR_UNIT_INDEX:
    default:
      /* TRANSLATORS: unit of a composite index (100 = reference) */
      return _("index");
    }
}

const char *
wm_indicator_theme_label (WmIndicatorTheme theme)
{
  switch (theme)
    {
    case WM_INDICATOR_THEME_IVSM_COMPONENTS:
      return _("Vulnerability (IVSM components)");
    case WM_INDICATOR_THEME_COMPOSITE:
      return _("Composite index");
    case WM_INDICATOR_THEME_ECONOMIC:
      return _("Economic conditions");
    case WM_INDICATOR_THEME_ELDERLY_CARE:
      return _("Elderly and care");
    case WM_INDICATOR_THEME_POPULATION:
      return _("Population");
    case WM_INDICATOR_THEME_SERVICES:
      return _("Services");
    case WM_N_INDICATOR_THEMES:
    default:
      return "";
    }
}

const char *
wm_indicator_polarity_label (WmIndicatorPolarity polarity)
{
  switch (polarity)
    {
    case WM_INDICATOR_POLARITY_HIGHER_IS_WORSE:
      return _("higher is worse");
    case WM_INDICATOR_POLARITY_HIGHER_IS_BETTER:
      return _("higher is better");
    case WM_INDICATOR_POLARITY_NEUTRAL:
    default:
      return _("neutral");
    }
}
