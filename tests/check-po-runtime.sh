#!/bin/sh
# check-po-runtime.sh WELFAREMAP — the app run from the build tree finds its
# Italian catalogue (wm_paths_locale_dir) and speaks Italian when asked.
#
# No Italian locale is needed: glibc honours LANGUAGE under C.UTF-8 (never
# under plain C, which is checked too). The expected lines are it.po's.
set -u
exe=$1
status=0

expect () {  # expect DESCRIPTION EXPECTED-LINE TEXT
  if printf '%s\n' "$3" | grep -qxF -- "$2"; then
    echo "ok: $1"
  else
    echo "FAIL: $1: no line “$2” in:"
    printf '%s\n' "$3" | head -n 8
    status=1
  fi
}

out=$(LANGUAGE=it LC_ALL=C.UTF-8 "$exe" --help 2>&1)
expect "Italian help" "Sottocomandi:" "$out"

out=$(LANGUAGE=it LC_ALL=C.UTF-8 "$exe" extract info /nonexistent/povo.wmx 2>&1)
rc=$?
expect "Italian error, with what to do" \
  "welfaremap: /nonexistent/povo.wmx: il file non esiste — controlla il nome e la cartella" "$out"
[ "$rc" -eq 1 ] || { echo "FAIL: exit status $rc for a missing file, not 1"; status=1; }

out=$(LANGUAGE=it LC_ALL=C "$exe" --help 2>&1)
expect "English under the C locale" "Subcommands:" "$out"

out=$(LANGUAGE=en LC_ALL=C.UTF-8 "$exe" --help 2>&1)
expect "English when asked" "Subcommands:" "$out"

exit $status
