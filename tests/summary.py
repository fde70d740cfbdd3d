#!/usr/bin/env python3
"""Print the closing line of `make test`: "N passed, N failed".

Counts meson's per-test results in meson-logs/testlog.json (one JSON object
per line). A test that did not pass is a failure, except a deliberate skip,
which is reported on its own line above the closing one.
"""
import json
import sys

PASSED = {"OK", "EXPECTEDFAIL"}
SKIPPED = {"SKIP"}

def main(path):
    passed = failed = skipped = 0
    failures = []
    try:
        with open(path, encoding="utf-8") as log:
            for line in log:
                line = line.strip()
                if not line:
                    continue
                test = json.loads(line)
                result = test.get("result", "ERROR")
                if result in PASSED:
                    passed += 1
                elif result in SKIPPED:
                    skipped += 1
                else:
                    failed += 1
                    failures.append(f"{test.get('name', '?')} ({result})")
    except OSError as error:
        print(f"no test results ({error.strerror}: {path})")
        failed += 1
    for name in failures:
        print(f"FAILED: {name}")
    if skipped:
        print(f"{skipped} skipped")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
