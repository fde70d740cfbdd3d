#!/bin/sh
# check-po.sh SOURCE_ROOT — the translation catalogues are sound.
# (xgettext takes the arguments of meson's glib preset, as welfaremap-pot.)
#
# Fails when:
#  - xgettext warns on the sources in po/POTFILES.in (a msgid cut short by a
#    macro such as G_GINT64_FORMAT is never found at run time: use PRId64);
#  - msgfmt --check finds an error in any po/*.po (a format directive whose
#    type or order differs crashes or garbles a printf at run time);
#  - a complete language (COMPLETE below) has fuzzy or untranslated entries:
#    fuzzy ones are never shown, so the user would read English.
# Reports, without failing, source strings a catalogue does not have yet:
# strings are added on several branches at once, and each is translated
# when the catalogue is updated (meson compile welfaremap-update-po).
set -u
cd "$1" || exit 1

COMPLETE="it"
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! xgettext --from-code=UTF-8 --add-comments --directory=. --files-from=po/POTFILES.in \
       --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
       --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
       --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
       --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
       --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
       --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
       --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
       --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
       --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
       -o "$tmp/template.pot" 2> "$tmp/xgettext.log"; then
  cat "$tmp/xgettext.log"
  echo "xgettext failed on the files of po/POTFILES.in"
  exit 1
fi
if grep -q 'warning:' "$tmp/xgettext.log"; then
  grep 'warning:' "$tmp/xgettext.log"
  echo "xgettext warnings: those strings would not be translated as written — fix them in the source"
  status=1
fi

for po in po/*.po; do
  [ -e "$po" ] || continue
  lang=$(basename "$po" .po)
  if ! msgfmt --check --statistics -o /dev/null "$po" 2> "$tmp/stats"; then
    cat "$tmp/stats"
    echo "$po: msgfmt --check failed — fix the entries named above"
    status=1
    continue
  fi
  stats=$(tail -n 1 "$tmp/stats")
  echo "$po: $stats"
  case " $COMPLETE " in
    *" $lang "*)
      if printf '%s\n' "$stats" | grep -q 'fuzzy\|untranslated'; then
        msgattrib --only-fuzzy --no-wrap "$po" | grep '^msgid "..' | head -n 20
        msgattrib --untranslated --no-wrap "$po" | grep '^msgid "..' | head -n 20
        echo "$po: fuzzy or untranslated entries (listed above) — translate them, or the user reads English"
        status=1
      fi
      ;;
  esac
  if grep -qx "$lang" po/LINGUAS; then :; else
    echo "$po: $lang is not in po/LINGUAS — add it, or the catalogue is never built"
    status=1
  fi
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "$po" "$tmp/template.pot"
  missing=$(msgattrib --untranslated "$tmp/$lang.po" | grep -c '^msgid ')
  [ "$missing" -gt 0 ] && missing=$((missing - 1))   # the header
  if [ "$missing" -gt 0 ]; then
    echo "$po: $missing source string(s) not translated yet — run meson compile -C BUILD welfaremap-update-po and translate them"
  fi
done

exit $status
