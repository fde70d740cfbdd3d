/* wm-codice-fiscale.c — Italian tax codes: compute, parse, validate
 *
 * DM 23/12/1976: 3 letters of the surname, 3 of the given name, 2 digits of
 * the birth year, a month letter, the birth day (+40 for women), the
 * Belfiore code of the birthplace, a check letter. When two people would get
 * the same code, the Agenzia delle Entrate replaces digits from the right
 * with letters (omocodia); such a code is a different person's, so it is
 * never folded back onto the base code.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wm-codice-fiscale.h"

G_DEFINE_QUARK (wm-codice-fiscale-error-quark, wm_codice_fiscale_error)

static const char month_letters[] = "ABCDEHLMPRST";
static const char omocodia_letters[] = "LMNPQRSTUV";
/* 0-based positions of the digits that omocodia may replace, right first. */
static const int omocodia_positions[] = { 14, 13, 12, 10, 9, 7, 6 };

/* Values of characters in odd (1st, 3rd, …) positions, for 0–9 and A–Z. */
static const int odd_values[26] = {
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23
};

static gboolean
is_vowel (char c)
{
  return strchr ("AEIOU", c) != NULL;
}

/* Upper-case ASCII letters only: accents folded, apostrophes and spaces dropped. */
static GString *
letters_of (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text != NULL ? text : "", "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    if (g_ascii_isalpha (*p))
      g_string_append_c (out, g_ascii_toupper (*p));
  return out;
}

static void
append_part (GString    *code,
             const char *text,
             gboolean    is_given_name)
{
  g_autoptr(GString) letters = letters_of (text);
  GString *consonants = g_string_new (NULL);
  GString *vowels = g_string_new (NULL);
  GString *part = g_string_new (NULL);

  for (gsize i = 0; i < letters->len; i++)
    g_string_append_c (is_vowel (letters->str[i]) ? vowels : consonants, letters->str[i]);

  /* A given name with four or more consonants takes the 1st, 3rd and 4th. */
  if (is_given_name && consonants->len >= 4)
    {
      g_string_append_c (part, consonants->str[0]);
      g_string_append_c (part, consonants->str[2]);
      g_string_append_c (part, consonants->str[3]);
    }
  else
    {
      g_string_append_len (part, consonants->str, MIN (consonants->len, 3));
      g_string_append_len (part, vowels->str, MIN (vowels->len, 3 - part->len));
      while (part->len < 3)
        g_string_append_c (part, 'X');
    }
  g_string_append_len (code, part->str, 3);
  g_string_free (consonants, TRUE);
  g_string_free (vowels, TRUE);
  g_string_free (part, TRUE);
}

/**
 * wm_codice_fiscale_check_char:
 * @first15: the first 15 characters of a code, upper case
 *
 * Returns: the check letter, or '\0' if @first15 has a character that
 *   cannot appear in a code
 */
char
wm_codice_fiscale_check_char (const char *first15)
{
  int sum = 0;

  for (int i = 0; i < 15; i++)
    {
      char c = first15[i];
      int index;

      if (c >= '0' && c <= '9')
        index = c - '0';
      else if (c >= 'A' && c <= 'Z')
        index = c - 'A';
      else
        return '\0';
      /* Positions count from 1, so index 0 is an odd position. */
      sum += (i % 2 == 0) ? odd_values[index] : index;
    }
  return 'A' + sum % 26;
}

/**
 * wm_codice_fiscale_compute:
 * @birthplace: Belfiore code of the comune, or "Z" + 3 digits for a country
 *
 * Returns: (transfer full): the 16-character code (without omocodia)
 */
char *
wm_codice_fiscale_compute (const char *surname,
                           const char *given_name,
                           WmSex       sex,
                           int         year,
                           int         month,
                           int         day,
                           const char *birthplace)
{
  GString *code = g_string_sized_new (17);

  g_return_val_if_fail (month >= 1 && month <= 12, NULL);
  g_return_val_if_fail (day >= 1 && day <= 31, NULL);
  g_return_val_if_fail (birthplace != NULL && strlen (birthplace) == 4, NULL);

  append_part (code, surname, FALSE);
  append_part (code, given_name, TRUE);
  g_string_append_printf (code, "%02d%c%02d", ((year % 100) + 100) % 100,
                          month_letters[month - 1], sex == WM_SEX_FEMALE ? day + 40 : day);
  g_string_append_c (code, g_ascii_toupper (birthplace[0]));
  g_string_append_len (code, birthplace + 1, 3);
  g_string_append_c (code, wm_codice_fiscale_check_char (code->str));
  return g_string_free (code, FALSE);
}

/**
 * wm_codice_fiscale_omocode:
 * @level: how many digits to replace, from the right (1..7)
 *
 * Returns: (transfer full): the omocodic variant of @code, with its own
 *   check letter
 */
char *
wm_codice_fiscale_omocode (const char *code,
                           int         level)
{
  char *out;

  g_return_val_if_fail (code != NULL && strlen (code) == 16, NULL);
  g_return_val_if_fail (level >= 1 && level <= 7, NULL);

  out = g_strdup (code);
  for (int i = 0; i < level; i++)
    {
      int pos = omocodia_positions[i];

      if (g_ascii_isdigit (out[pos]))
        out[pos] = omocodia_letters[out[pos] - '0'];
    }
  out[15] = wm_codice_fiscale_check_char (out);
  return out;
}

/**
 * wm_codice_fiscale_normalise:
 *
 * Upper case, without spaces or separators: the form codes are compared
 * and pseudonymised in.
 */
char *
wm_codice_fiscale_normalise (const char *code)
{
  GString *out = g_string_new (NULL);

  for (const char *p = code; p != NULL && *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_toupper (*p));
  return g_string_free (out, FALSE);
}

static gboolean
fail (GError    **error,
      int         code,
      const char *cf,
      const char *reason)
{
  g_set_error (error, WM_CODICE_FISCALE_ERROR, code,
               _("codice fiscale “%s”: %s"), cf, reason);
  return FALSE;
}

static int
digit_at (const char *s,
          int         pos)
{
  const char *letter;

  if (g_ascii_isdigit (s[pos]))
    return s[pos] - '0';
  letter = strchr (omocodia_letters, s[pos]);
  return letter != NULL && *letter != '\0' ? letter - omocodia_letters : -1;
}

/**
 * wm_codice_fiscale_parse:
 * @out: (out) (optional): what the code says
 *
 * Checks the format (omocodia included), the date and the check letter.
 */
gboolean
wm_codice_fiscale_parse (const char       *code,
                         WmCodiceFiscale  *out,
                         GError          **error)
{
  g_autofree char *cf = wm_codice_fiscale_normalise (code);
  WmCodiceFiscale result = { 0 };
  int digits[7];
  int day, days_in_month;
  const char *month;

  if (strlen (cf) != 16)
    return fail (error, WM_CODICE_FISCALE_ERROR_LENGTH, code,
                 _("it must have 16 characters"));

  for (int i = 0; i < 6; i++)
    if (!g_ascii_isalpha (cf[i]))
      return fail (error, WM_CODICE_FISCALE_ERROR_FORMAT, cf,
                   _("the first six characters must be letters"));
  if (!g_ascii_isalpha (cf[11]) || !g_ascii_isalpha (cf[15]))
    return fail (error, WM_CODICE_FISCALE_ERROR_FORMAT, cf,
                 _("the 12th and 16th characters must be letters"));

  /* Digits may have been replaced right to left: once a digit position
   * holds a letter, every position to its right must hold one too. */
  for (int i = 0; i < 7; i++)
    {
      int pos = omocodia_positions[6 - i];

      digits[i] = digit_at (cf, pos);
      if (digits[i] < 0)
        return fail (error, WM_CODICE_FISCALE_ERROR_FORMAT, cf,
                     _("a character that must be a digit (or an omocodia letter L–V) is not one"));
      if (!g_ascii_isdigit (cf[pos]))
        result.omocodia++;
    }
  for (int i = 0; i < result.omocodia; i++)
    if (g_ascii_isdigit (cf[omocodia_positions[i]]))
      return fail (error, WM_CODICE_FISCALE_ERROR_FORMAT, cf,
                   _("its omocodia letters are not the rightmost digits"));

  month = strchr (month_letters, cf[8]);
  if (month == NULL || *month == '\0')
    return fail (error, WM_CODICE_FISCALE_ERROR_DATE, cf,
                 _("the 9th character is not a month letter (A B C D E H L M P R S T)"));

  result.year2 = digits[0] * 10 + digits[1];
  result.month = month - month_letters + 1;
  day = digits[2] * 10 + digits[3];
  result.sex = day > 40 ? WM_SEX_FEMALE : WM_SEX_MALE;
  result.day = day > 40 ? day - 40 : day;
  /* Without the century, 29 February is allowed: some century makes it valid. */
  days_in_month = result.month == 2 ? 29 : g_date_get_days_in_month (result.month, 2001);
  if (result.day < 1 || result.day > days_in_month)
    return fail (error, WM_CODICE_FISCALE_ERROR_DATE, cf,
                 _("the birth day is not a valid day of the month"));

  if (wm_codice_fiscale_check_char (cf) != cf[15])
    return fail (error, WM_CODICE_FISCALE_ERROR_CHECK, cf,
                 _("the check character (the last one) is wrong: the code was mistyped"));

  memcpy (result.code, cf, 17);
  result.birthplace[0] = cf[11];
  for (int i = 0; i < 3; i++)
    result.birthplace[1 + i] = '0' + digits[4 + i];
  if (out != NULL)
    *out = result;
  return TRUE;
}

/**
 * wm_codice_fiscale_full_year:
 * @reference_year: a year the holder was alive in (e.g. the extract's last)
 *
 * The four-digit birth year: the latest year ending in the code's two
 * digits that is not after @reference_year.
 */
int
wm_codice_fiscale_full_year (const WmCodiceFiscale *cf,
                             int                    reference_year)
{
  int year = reference_year - ((reference_year % 100) - cf->year2 + 100) % 100;

  return year;
}

/**
 * wm_codice_fiscale_validate:
 * @sex: the registry's sex, or 0 if unknown
 * @year: the registry's birth date, or 0 if unknown (then @month and @day
 *   are ignored)
 *
 * Checks the code and that it agrees with the registry.
 */
gboolean
wm_codice_fiscale_validate (const char  *code,
                            WmSex        sex,
                            int          year,
                            int          month,
                            int          day,
                            GError     **error)
{
  WmCodiceFiscale cf;

  if (!wm_codice_fiscale_parse (code, &cf, error))
    return FALSE;
  if (sex != 0 && cf.sex != sex)
    return fail (error, WM_CODICE_FISCALE_ERROR_SEX_MISMATCH, cf.code,
                 cf.sex == WM_SEX_FEMALE ? _("the code is a woman’s but the registry says male")
                                         : _("the code is a man’s but the registry says female"));
  if (year != 0 && (cf.year2 != year % 100 || cf.month != month || cf.day != day))
    {
      g_autofree char *reason =
        g_strdup_printf (_("the code says born on %02d/%02d/…%02d but the registry says %02d/%02d/%04d"),
                         cf.day, cf.month, cf.year2, day, month, year);
      return fail (error, WM_CODICE_FISCALE_ERROR_DATE_MISMATCH, cf.code, reason);
    }
  if (year != 0 && !g_date_valid_dmy (day, month, year))
    return fail (error, WM_CODICE_FISCALE_ERROR_DATE, cf.code,
                 _("the birth date does not exist in that year"));
  return TRUE;
}
