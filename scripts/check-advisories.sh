#!/usr/bin/env bash
# The advisory step of the hardening gate: `cargo deny check advisories` (deny.toml's [advisories])
# against the RustSec advisory database, and one verdict line saying which database and its date.
#
#   scripts/check-advisories.sh
#
# 1. The live database (github.com/rustsec/advisory-db) when `cargo deny fetch db` can fetch it.
# 2. Else the snapshot in MUNITY_ADVISORY_SNAPSHOT (default: ../shared/advisory-db beside the
#    repository, as on CI), a directory holding README.md (its commit and date) and rustsec/ (the
#    database's files). cargo-deny reads a database from a git repository only, so the snapshot is
#    copied into a temporary git repository committed with the snapshot's date, and cargo-deny clones
#    it from there (file://, no network) with a generated copy of deny.toml.
# MUNITY_ADVISORY_LIVE=0 skips step 1 (used by scripts/test-advisory-gate.sh).
#
# Exit 0 and "advisories: ok (<database> <date>)" only when cargo-deny read the database and found no
# advisory for any crate in Cargo.lock. Any matching advisory, and any database that cannot be read
# (no snapshot, no date, no advisories in it), is a failure, never "ok" and never "skipped".
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

fail() { echo "advisories: FAILED: $*" >&2; exit 1; }

deny_log="$(mktemp)"
tmp=""
cleanup() { rm -f "$deny_log"; [ -z "$tmp" ] || { chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"; }; }
trap cleanup EXIT

verdict() {  # verdict LABEL COMMAND...: run cargo-deny, print its findings and the one verdict line
  local label="$1"; shift
  if "$@" >"$deny_log" 2>&1; then
    echo "advisories: ok ($label)"
    # Yanked versions are looked up in Cargo's local crates.io index cache; say so when it lacked some.
    if grep -q 'index-failure' "$deny_log"; then
      echo "advisories: note: cargo-deny could not check whether $(grep -c 'index-failure' "$deny_log") crate(s) are yanked (crates.io index not cached; run cargo fetch)"
    fi
  else
    cat "$deny_log" >&2
    fail "cargo deny check advisories reported the above ($label)"
  fi
}

# 1. The live database, fetched by cargo-deny into its db-path ($CARGO_HOME/advisory-dbs).
if [ "${MUNITY_ADVISORY_LIVE:-1}" != 0 ] && timeout 60 cargo deny fetch db >"$deny_log" 2>&1; then
  live="$(ls -td "${CARGO_HOME:-$HOME/.cargo}"/advisory-dbs/*/ 2>/dev/null | head -1)"
  [ -n "$live" ] || fail "cargo deny fetch db succeeded but no database is in ${CARGO_HOME:-$HOME/.cargo}/advisory-dbs"
  when="$(git -C "$live" log -1 --format='%cs, commit %h')" || fail "cannot read the fetched database's HEAD in $live"
  verdict "RustSec live database $when" cargo deny --locked --offline check advisories
  exit 0
fi
[ "${MUNITY_ADVISORY_LIVE:-1}" = 0 ] ||
  echo "advisories: live RustSec database unreachable ($(grep -m1 -iE 'fatal|error' "$deny_log" | sed 's/^[0-9: -]*\[ERROR\] //' | cut -c1-160)); using the snapshot"

# 2. The snapshot.
snapshot="${MUNITY_ADVISORY_SNAPSHOT:-$repo/../shared/advisory-db}"
[ -d "$snapshot/rustsec/crates" ] && [ -f "$snapshot/README.md" ] ||
  fail "no RustSec snapshot at $snapshot (expected README.md and rustsec/crates/; set MUNITY_ADVISORY_SNAPSHOT), and the live database could not be fetched: advisories NOT checked"
snapshot="$(cd "$snapshot" && pwd)"
commit="$(grep -oE '\b[0-9a-f]{40}\b' "$snapshot/README.md" | head -1 || true)"
date="$(grep -oE '\b20[0-9]{2}-[01][0-9]-[0-3][0-9]\b' "$snapshot/README.md" | head -1 || true)"
[ -n "$commit" ] && [ -n "$date" ] ||
  fail "$snapshot/README.md does not name the snapshot's commit (40 hex digits) and date (YYYY-MM-DD): advisories NOT checked"
count="$(find "$snapshot/rustsec/crates" -name 'RUSTSEC-*.md' | wc -l)"
[ "$count" -gt 0 ] || fail "the snapshot at $snapshot holds no advisory (rustsec/crates/*/RUSTSEC-*.md): advisories NOT checked"
age_days=$(( ($(date -u +%s) - $(date -u -d "$date" +%s)) / 86400 ))

# cargo-deny opens a database at db-path/<name derived from the URL> (e.g. advisory-db-3157b0e258782691)
# and, offline, never fetches it: a copy of deny.toml sets db-path to a temporary directory, one probe
# run asks cargo-deny for that directory's name, and the snapshot becomes a git repository there,
# committed with the snapshot's date.
tmp="$(mktemp -d)"
[ "$(grep -c '^db-urls *=' deny.toml)" = 1 ] || fail "deny.toml must have exactly one db-urls line"
sed -e "s#^db-urls *=.*#&\ndb-path = \"$tmp/dbs\"#" deny.toml >"$tmp/deny.toml"
mkdir "$tmp/dbs"
db="$(cargo deny -L debug --locked --offline --config "$tmp/deny.toml" check advisories 2>&1 |
  sed -n "s#.*Opening advisory database at '\($tmp/dbs/[^'/]*\)'.*#\1#p" | head -1 || true)"
[ -n "$db" ] || fail "cargo-deny did not say where in $tmp/dbs it opens the database (cargo-deny $(cargo deny --version 2>&1))"
mkdir "$db"
cp -R "$snapshot/rustsec/." "$db/"
chmod -R u+w "$db"
(
  cd "$db"
  export GIT_AUTHOR_DATE="${date}T00:00:00Z" GIT_COMMITTER_DATE="${date}T00:00:00Z"
  git init -q -b main .
  git add -A
  git -c user.name=munity-secrets -c user.email=ci@munityapps.invalid -c commit.gpgsign=false \
    commit -q -m "RustSec advisory-db snapshot $commit ($date)"
) || fail "could not make a git repository of the snapshot in $db"

label="RustSec snapshot $date, commit ${commit:0:7}, $count advisories"
verdict "$label" cargo deny --locked --offline --config "$tmp/deny.toml" check advisories
if [ "$age_days" -gt 30 ]; then
  echo "advisories: note: the snapshot is $age_days days old; ok means no advisory known as of $date (refresh ../shared/advisory-db, or run this where github.com is reachable)"
fi
