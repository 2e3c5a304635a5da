#!/usr/bin/env bash
# The core's test suite under valgrind memcheck: every test binary of munity-secrets (unit tests,
# vectors, hostile input and property tests) must finish with no invalid read or write, no use of
# uninitialised memory and no definite or indirect leak. Not in CI: it takes minutes (valgrind runs
# code 20-50x slower). Property tests run PROPTEST_CASES (default 16) cases each.
#
#   scripts/valgrind-core.sh            logs in target/valgrind/<binary>.log
#
# "Still reachable" blocks (statics such as the cached signers and aws-lc's global state, freed by
# the OS at exit) are not leaks and are not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "error: valgrind is not installed" >&2; exit 1; }
export PROPTEST_CASES="${PROPTEST_CASES:-16}"
mkdir -p target/valgrind
mapfile -t binaries < <(cargo test -p munity-secrets --no-run --locked --message-format=json 2>/dev/null |
  python3 -c '
import json, sys
for line in sys.stdin:
    try:
        m = json.loads(line)
    except ValueError:
        continue
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["profile"]["test"]:
        print(m["executable"])')
[ ${#binaries[@]} -gt 0 ] || { echo "error: no test binaries built" >&2; exit 1; }
failed=0
for binary in "${binaries[@]}"; do
  name="$(basename "$binary")"
  log="target/valgrind/$name.log"
  start=$SECONDS
  if valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect,possible \
      --errors-for-leak-kinds=definite,indirect --error-exitcode=1 --log-file="$log" \
      "$binary" --test-threads=1 -q >"target/valgrind/$name.out" 2>&1; then
    verdict=ok
  else
    verdict=FAILED
    failed=1
  fi
  tests="$(grep -o 'test result: .*' "target/valgrind/$name.out" | tail -1 || true)"
  errors="$(grep -o 'ERROR SUMMARY: [0-9]* errors' "$log" | tail -1 || true)"
  leaks="$(grep -oE '(definitely|indirectly|possibly) lost: [0-9,]+ bytes' "$log" | tr '\n' ' ' || true)"
  echo "$name: $verdict ($((SECONDS - start)) s) ${tests:-no test result} | ${errors:-?} | ${leaks:-no leaks reported}"
done
exit "$failed"
