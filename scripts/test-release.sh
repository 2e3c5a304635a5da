#!/usr/bin/env bash
# Tests the release artifacts as users install them, in Debian roots where no Rust or C compiler exists.
#
#   bash scripts/test-release.sh [--rebuild] [python|node|jvm]...     (no kind: all three)
#
# 1. scripts/release/roots.sh makes the Debian roots that are missing (minutes; needs root, debootstrap, qemu).
# 2. A kind whose artifacts are not in dist/ yet is built first (scripts/release/build.sh <kind>); --rebuild always
#    builds.
# 3. scripts/release/test-<kind>.sh installs them from a loopback registry inside the roots and runs every
#    conformance vector. Each prints one line per artifact: its tag/name and where it ran (amd64 root, arm64 root
#    under qemu, old-glibc root) or why it was not run.
# The lines are repeated together at the end. Long (see docs/release.md), so it is not part of scripts/test-all.sh.
set -euo pipefail
# shellcheck source=scripts/release/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/release/lib.sh"

rebuild=0
kinds=()
for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=1 ;;
    python | node | jvm) kinds+=("$arg") ;;
    *) die "usage: scripts/test-release.sh [--rebuild] [python|node|jvm]..." ;;
  esac
done
[[ ${#kinds[@]} -gt 0 ]] || kinds=(python node jvm)

started_all=$(date +%s)
bash "$REPO_ROOT/scripts/release/roots.sh"

summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
failed=()
for kind in "${kinds[@]}"; do
  test_script="$REPO_ROOT/scripts/release/test-$kind.sh"
  if [[ ! -f "$REPO_ROOT/scripts/release/$kind.sh" || ! -f "$test_script" ]]; then
    echo "$kind  (all artifacts)  not run: scripts/release/$kind.sh or test-$kind.sh is not in this checkout" |
      tee -a "$summary"
    continue
  fi
  if [[ $rebuild == 1 || ! -s "$ARTIFACTS_DIR/$kind.tsv" ]]; then
    bash "$REPO_ROOT/scripts/release/build.sh" "$kind"
  fi
  started=$(date +%s)
  log "$kind: testing (scripts/release/test-$kind.sh)"
  if ! bash "$test_script" | tee -a "$summary"; then
    failed+=("$kind")
  fi
  log "$kind: tested in $(elapsed_since "$started") s"
done

echo
echo "=== release artifacts ($(elapsed_since "$started_all") s) ==="
cat "$summary"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "=== FAILED: ${failed[*]} ==="
  exit 1
fi
echo "=== release tests passed: ${kinds[*]} ==="
