#!/bin/sh
# Builds the demo extract of Povo: a synthetic population generated from
# the real 2021 census of its sections, exported as a municipality's
# systems would, then imported like real data.
#
#   build-demo.sh WELFAREMAP DATA_DIR OUT.wmx
#
# The passphrases are public on purpose (README, "Demo data"): the people
# are synthetic. The key derivation is the fast one so the build stays
# quick; real extracts use the default (MODERATE).
set -eu
exe=$1
data=$2
out=$3
work="${out%.wmx}-sources"

log="${out%.wmx}-build.log"

rm -rf "$work"
# The generator's notes (sliver sections of the real boundaries…) go to
# the log; it is shown only if something fails.
if ! "$exe" synth --place povo --data-dir "$data" --first-year 2015 --years 10 --seed 42 \
       --quiet --out "$work" 2> "$log"; then
  cat "$log" >&2
  exit 1
fi
if ! WELFAREMAP_PASSPHRASE=povo-operatore-demo WELFAREMAP_NEW_PASSPHRASE=povo-analista-demo \
     "$exe" extract build --mapping "$data/mapping/povo.ini" --sources "$work" \
       --boundaries "$data/mapping" --out "$out" --report "${out%.wmx}-report.html" \
       --force --quiet --kdf interactive >> "$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
