#!/bin/sh
# check-potfiles.sh SOURCE_ROOT — every file with translatable strings is
# listed in po/POTFILES.in, and every file listed there exists.
#
# The oracle is xgettext itself, with the keywords of meson's glib preset:
# a file not listed that yields a message would never reach translators,
# and its strings would stay English in every language.
set -u
cd "$1" || exit 1

potfiles=po/POTFILES.in
status=0
keywords="--keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3"

listed=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$potfiles")

for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "$potfiles: lists $f, which does not exist — remove the line or restore the file"
    status=1
  fi
done

# Every kind of file that can carry user-visible text.
candidates=$( (find app -name '*.c' -o -name '*.h'
               find ui -name '*.ui'
               find . data -maxdepth 1 -name '*.desktop.in'
               find data -maxdepth 1 -name '*.metainfo.xml.in' -o -maxdepth 1 -name '*.gschema.xml') |
             sed 's|^\./||' | LC_ALL=C sort -u)

checked=0
for f in $candidates; do
  checked=$((checked + 1))
  if printf '%s\n' "$listed" | grep -qxF "$f"; then
    continue
  fi
  # shellcheck disable=SC2086 # the keyword list is split on purpose
  if ! out=$(xgettext --from-code=UTF-8 $keywords -o - "$f" 2>&1); then
    echo "$f: xgettext cannot read it: $out"
    status=1
  elif n=$(printf '%s\n' "$out" | grep -c '^msgid ') && [ "$n" -gt 1 ]; then
    n=$((n - 1))  # the header
    echo "$f: $n translatable string(s) but not in $potfiles — add the line \"$f\" to $potfiles"
    status=1
  fi
done

echo "$checked files looked at, $(printf '%s\n' "$listed" | wc -l) listed in $potfiles"
exit $status
