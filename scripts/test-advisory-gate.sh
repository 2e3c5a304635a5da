#!/usr/bin/env bash
# Proves the supply-chain checks of the hardening gate can fail (run by scripts/test-hardening.sh):
#   1. a copy of the RustSec snapshot with one advisory added for a crate of our Cargo.lock (at its
#      locked version) makes scripts/check-advisories.sh fail, naming that advisory;
#   2. a missing snapshot, a snapshot whose README names no date, and a snapshot without advisories
#      each make it fail, never "ok";
#   3. scripts/check-runtime-deps.sh fails on a package.json with a third-party dependency and on a
#      pyproject.toml with one, and passes on an own platform package and an optional extra.
# Needs cargo-deny and the snapshot (MUNITY_ADVISORY_SNAPSHOT, default ../shared/advisory-db).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
snapshot="${MUNITY_ADVISORY_SNAPSHOT:-$repo/../shared/advisory-db}"
[ -d "$snapshot/rustsec/crates" ] || { echo "test-advisory-gate: FAILED: no RustSec snapshot at $snapshot" >&2; exit 1; }

work="$(mktemp -d)"
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
failures=0
pass() { echo "  ok: $1"; }
bad() { echo "  FAILED: $1" >&2; failures=$((failures + 1)); }

expect_failure() {  # expect_failure NAME SNAPSHOT_DIR MUST_CONTAIN
  local name="$1" dir="$2" needle="$3" out status
  out="$(MUNITY_ADVISORY_LIVE=0 MUNITY_ADVISORY_SNAPSHOT="$dir" scripts/check-advisories.sh 2>&1)" && status=0 || status=$?
  if [ "$status" -eq 0 ]; then
    bad "$name: the gate passed (exit 0); output: $(printf '%s' "$out" | tail -3)"
  elif printf '%s' "$out" | grep -q '^advisories: ok'; then
    bad "$name: the gate exited $status but printed 'advisories: ok'"
  elif ! printf '%s' "$out" | grep -qF -- "$needle"; then
    bad "$name: the gate failed, but its output does not contain '$needle': $(printf '%s' "$out" | tail -5)"
  else
    pass "$name (exit $status, output names '$needle')"
  fi
}

copy_snapshot() {  # copy_snapshot DIR: a writable copy of the snapshot
  cp -R "$snapshot" "$1"
  chmod -R u+w "$1"
}

echo "--- test-advisory-gate: an advisory for a locked crate fails the gate"
# The locked version of a crate every artifact compiles in (jsonwebtoken's PEM parser).
crate=pem
version="$(awk -v c="$crate" '$0 == "name = \"" c "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[ -n "$version" ] || { echo "test-advisory-gate: FAILED: $crate is not in Cargo.lock; pick another crate" >&2; exit 1; }
copy_snapshot "$work/with-fake"
mkdir -p "$work/with-fake/rustsec/crates/$crate"
cat >"$work/with-fake/rustsec/crates/$crate/RUSTSEC-2026-9901.md" <<EOF
\`\`\`toml
[advisory]
id = "RUSTSEC-2026-9901"
package = "$crate"
date = "2026-08-20"
url = "https://example.invalid/munity-secrets/advisory-gate-test"
categories = ["memory-corruption"]
keywords = ["test"]

[versions]
patched = [">= 9999.0.0"]
\`\`\`

# Fake advisory: test of the munity-secrets advisory gate

Affects every version of $crate below 9999.0.0, so the locked $crate $version matches.
EOF
expect_failure "fake advisory RUSTSEC-2026-9901 for $crate $version" "$work/with-fake" "ID: RUSTSEC-2026-9901"

echo "--- test-advisory-gate: an unreadable database is a failure, not ok"
expect_failure "missing snapshot" "$work/does-not-exist" "no RustSec snapshot"
copy_snapshot "$work/no-date"
printf 'A snapshot of the RustSec advisory database.\n' >"$work/no-date/README.md"
expect_failure "README without commit and date" "$work/no-date" "does not name the snapshot's commit"
copy_snapshot "$work/empty"
find "$work/empty/rustsec/crates" -name 'RUSTSEC-*.md' -delete
expect_failure "snapshot without advisories" "$work/empty" "holds no advisory"

echo "--- test-advisory-gate: runtime dependencies"
runtime_case() {  # runtime_case NAME EXPECT(pass|fail) PACKAGE_JSON_TEXT PYPROJECT_TEXT
  local name="$1" expect="$2" status
  printf '%s\n' "$3" >"$work/package.json"
  printf '%s\n' "$4" >"$work/pyproject.toml"
  scripts/check-runtime-deps.sh "$work/package.json" "$work/pyproject.toml" >"$work/out" 2>&1 && status=0 || status=$?
  if { [ "$expect" = pass ] && [ "$status" -eq 0 ]; } || { [ "$expect" = fail ] && [ "$status" -ne 0 ] && grep -q FAILED "$work/out"; }; then
    pass "$name ($expect)"
  else
    bad "$name: expected $expect, exit $status: $(cat "$work/out")"
  fi
}
clean_py='[project]
name = "munity-secrets"'
runtime_case "npm dependency" fail '{"name": "x", "dependencies": {"left-pad": "1.3.0"}}' "$clean_py"
runtime_case "npm peer dependency" fail '{"name": "x", "peerDependencies": {"jose": "^6"}}' "$clean_py"
runtime_case "npm optional peer dependency" pass '{"name": "x", "peerDependencies": {"express": "^5"}, "peerDependenciesMeta": {"express": {"optional": true}}}' "$clean_py"
runtime_case "npm optional third-party package" fail '{"name": "x", "optionalDependencies": {"@munityapps/secrets-linux-x64-gnu": "0.1.0", "fsevents": "2"}}' "$clean_py"
runtime_case "Python dependency" fail '{"name": "x"}' '[project]
name = "munity-secrets"
dependencies = ["requests>=2"]'
runtime_case "own platform packages and an optional extra" pass '{"name": "x", "devDependencies": {"jose": "^6"}, "optionalDependencies": {"@munityapps/secrets-linux-x64-gnu": "0.1.0", "@munityapps/secrets-darwin-arm64": "0.1.0"}}' '[project]
name = "munity-secrets"
dependencies = []
[project.optional-dependencies]
django = ["django>=4.2"]'

if [ "$failures" -ne 0 ]; then
  echo "test-advisory-gate: FAILED ($failures)" >&2
  exit 1
fi
echo "test-advisory-gate: passed"
