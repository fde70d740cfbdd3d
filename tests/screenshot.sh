#!/usr/bin/env bash
# Writes a PNG of the running app: tests/screenshot.sh EXE OUT.png [ARGS…]
# Starts its own Xvfb, waits for the map tiles, captures the window.
set -eu
exe=$1; out=$2; shift 2
wait=${WM_SCREENSHOT_WAIT:-8}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
  export GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1
  "$0" "$@" &
  app=$!
  sleep '"$wait"'
  import -window root "'"$tmp"'/shot.png"
  kill $app; wait $app 2>/dev/null || true
' "$exe" "$@"
# Without a window manager the root is black around the window: trim it.
convert "$tmp/shot.png" -bordercolor black -border 1 -trim +repage "$out"
echo "wrote $out"
