/* test-codice-fiscale.c — Italian tax codes against published examples
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include "wm-codice-fiscale.h"

/* Published examples: Agenzia delle Entrate's and Wikipedia's. */
static void
test_compute_known (void)
{
  g_autofree char *a = wm_codice_fiscale_compute ("Rossi", "Mario", WM_SEX_MALE, 1980, 1, 1, "H501");
  g_autofree char *b = wm_codice_fiscale_compute ("Moretti", "Matteo", WM_SEX_MALE, 1925, 4, 9, "F205");

  g_assert_cmpstr (a, ==, "RSSMRA80A01H501U");
  g_assert_cmpstr (b, ==, "MRTMTT25D09F205Z");
}

static void
test_compute_rules (void)
{
  /* Given name with 4+ consonants: 1st, 3rd, 4th (G N F R → G F R). */
  g_autofree char *a = wm_codice_fiscale_compute ("Bianchi", "Gianfranco", WM_SEX_MALE, 1961, 12, 31, "L378");
  /* Short surname padded with X; accents and apostrophes dropped; women +40. */
  g_autofree char *b = wm_codice_fiscale_compute ("Fo", "Zoè", WM_SEX_FEMALE, 2003, 2, 5, "Z330");
  g_autofree char *c = wm_codice_fiscale_compute ("D'Alò", "Ugo", WM_SEX_MALE, 1950, 6, 15, "G273");

  g_assert_true (g_str_has_prefix (a, "BNCGFR61T31L378"));
  g_assert_true (g_str_has_prefix (b, "FOXZOE03B45Z330"));
  g_assert_true (g_str_has_prefix (c, "DLAGUO50H15G273"));
  g_assert_true (wm_codice_fiscale_validate (a, WM_SEX_MALE, 1961, 12, 31, NULL));
  g_assert_true (wm_codice_fiscale_validate (b, WM_SEX_FEMALE, 2003, 2, 5, NULL));
  g_assert_true (wm_codice_fiscale_validate (c, WM_SEX_MALE, 1950, 6, 15, NULL));
}

static void
test_parse (void)
{
  WmCodiceFiscale cf;
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_codice_fiscale_parse (" rssmra80a01h501u ", &cf, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cf.code, ==, "RSSMRA80A01H501U");
  g_assert_cmpint (cf.sex, ==, WM_SEX_MALE);
  g_assert_cmpint (cf.year2, ==, 80);
  g_assert_cmpint (cf.month, ==, 1);
  g_assert_cmpint (cf.day, ==, 1);
  g_assert_cmpstr (cf.birthplace, ==, "H501");
  g_assert_cmpint (cf.omocodia, ==, 0);
  g_assert_cmpint (wm_codice_fiscale_full_year (&cf, 2024), ==, 1980);
  g_assert_cmpint (wm_codice_fiscale_full_year (&cf, 2080), ==, 2080);
}

static void
test_omocodia (void)
{
  for (int level = 1; level <= 7; level++)
    {
      g_autofree char *omo = wm_codice_fiscale_omocode ("RSSMRA80A01H501U", level);
      WmCodiceFiscale cf;
      g_autoptr(GError) error = NULL;

      g_assert_true (wm_codice_fiscale_parse (omo, &cf, &error));
      g_assert_no_error (error);
      g_assert_cmpint (cf.omocodia, ==, level);
      /* The letters decode to the same person data… */
      g_assert_cmpstr (cf.birthplace, ==, "H501");
      g_assert_cmpint (cf.year2, ==, 80);
      g_assert_cmpint (cf.day, ==, 1);
      /* …but the code stays distinct: omocodia means another person. */
      g_assert_cmpstr (cf.code, !=, "RSSMRA80A01H501U");
    }
  /* First replacement: the last digit 1 → M, check letter recomputed. */
  {
    g_autofree char *omo = wm_codice_fiscale_omocode ("RSSMRA80A01H501U", 1);
    g_assert_true (g_str_has_prefix (omo, "RSSMRA80A01H50M"));
  }
}

static void
assert_invalid (const char *code, int error_code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (wm_codice_fiscale_parse (code, NULL, &error));
  g_assert_error (error, WM_CODICE_FISCALE_ERROR, error_code);
}

static void
test_invalid (void)
{
  assert_invalid ("RSSMRA80A01H501", WM_CODICE_FISCALE_ERROR_LENGTH);
  assert_invalid ("RSSMRA80A01H501UX", WM_CODICE_FISCALE_ERROR_LENGTH);
  assert_invalid ("", WM_CODICE_FISCALE_ERROR_LENGTH);
  assert_invalid ("RSSMRA80A01H501A", WM_CODICE_FISCALE_ERROR_CHECK);  /* wrong check letter */
  assert_invalid ("RSSMRA80A10H501U", WM_CODICE_FISCALE_ERROR_CHECK);  /* swapped digits */
  assert_invalid ("RSSMR480A01H501U", WM_CODICE_FISCALE_ERROR_FORMAT); /* digit in the name */
  assert_invalid ("RSSMRA80A01H5A1U", WM_CODICE_FISCALE_ERROR_FORMAT); /* A is no omocodia letter */
  assert_invalid ("RSSMRA80A01HM01U", WM_CODICE_FISCALE_ERROR_FORMAT); /* letter left of a digit */
  assert_invalid ("RSSMRA80F01H501U", WM_CODICE_FISCALE_ERROR_DATE);   /* F is no month */
  assert_invalid ("RSSMRA80B31H501U", WM_CODICE_FISCALE_ERROR_DATE);   /* 31 February */
  assert_invalid ("RSSMRA80A75H501U", WM_CODICE_FISCALE_ERROR_DATE);   /* day 35 for a woman */
  assert_invalid ("RSSMRA80A00H501U", WM_CODICE_FISCALE_ERROR_DATE);
}

static void
test_registry_consistency (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (wm_codice_fiscale_validate ("RSSMRA80A01H501U", WM_SEX_FEMALE, 1980, 1, 1, &error));
  g_assert_error (error, WM_CODICE_FISCALE_ERROR, WM_CODICE_FISCALE_ERROR_SEX_MISMATCH);
  g_clear_error (&error);
  g_assert_false (wm_codice_fiscale_validate ("RSSMRA80A01H501U", WM_SEX_MALE, 1980, 1, 2, &error));
  g_assert_error (error, WM_CODICE_FISCALE_ERROR, WM_CODICE_FISCALE_ERROR_DATE_MISMATCH);
  g_assert_nonnull (strstr (error->message, "RSSMRA80A01H501U"));
  g_clear_error (&error);
  /* Unknown registry data: only the code itself is checked. */
  g_assert_true (wm_codice_fiscale_validate ("RSSMRA80A01H501U", 0, 0, 0, 0, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/codice-fiscale/compute-known", test_compute_known);
  g_test_add_func ("/codice-fiscale/compute-rules", test_compute_rules);
  g_test_add_func ("/codice-fiscale/parse", test_parse);
  g_test_add_func ("/codice-fiscale/omocodia", test_omocodia);
  g_test_add_func ("/codice-fiscale/invalid", test_invalid);
  g_test_add_func ("/codice-fiscale/registry-consistency", test_registry_consistency);

  return g_test_run ();
}
