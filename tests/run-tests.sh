#!/usr/bin/env bash
# Builds with AddressSanitizer + UBSan and runs every meson test under one
# Xvfb display. Always ends with the line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-test}

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" --buildtype=debug -Db_sanitize=address,undefined || {
    echo "meson setup failed"; echo "0 passed, 1 failed"; exit 1; }
fi
if ! meson compile -C "$build"; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

rm -f "$build/meson-logs/testlog.json"
rc=0
WM_TEST_REQUIRE_DISPLAY=1 xvfb-run -a -s "-screen 0 1600x1000x24" \
  meson test -C "$build" --no-rebuild --print-errorlogs --timeout-multiplier 3 || rc=$?
python3 tests/summary.py "$build/meson-logs/testlog.json" || rc=1
exit $rc
