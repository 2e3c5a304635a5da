#!/usr/bin/env bash
# Hardening gate (CI): the supply-chain checks (cargo-deny; RustSec advisories; no third-party runtime
# dependencies in the npm and Python packages; npm audit / pip-audit where their databases can be
# reached), a test that the advisory and dependency checks can fail, and a short smoke run of every
# fuzz target. See docs/security.md.
#
# Needs the nightly toolchain (`rustup toolchain install nightly`); installs cargo-fuzz and
# cargo-deny from crates.io when missing (compiled from source: a few minutes on a fresh machine).
# FUZZ_SMOKE_SECONDS (default 10) sets the time per fuzz target.
# RustSec advisories are always checked: against the live database when `cargo deny fetch db` reaches
# it, else against the snapshot in ../shared/advisory-db (MUNITY_ADVISORY_SNAPSHOT overrides the
# path); with neither the gate fails (scripts/check-advisories.sh). npm audit and pip-audit need the
# npm registry's audit endpoint and PyPI's JSON API: when one cannot be reached that check prints
# "skipped" and the gate goes on (our packages have no third-party runtime dependency for them to
# audit; they cover build and test tools).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

need() {  # need BINARY CRATE: cargo install CRATE when BINARY is missing
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "--- hardening: installing $2 (cargo install --locked)"
    cargo install "$2" --locked
  fi
}

echo "--- hardening: supply chain (cargo-deny: bans, licenses, sources)"
need cargo-deny cargo-deny
cargo deny --locked check bans licenses sources

echo "--- hardening: supply chain (cargo-deny: advisories)"
scripts/check-advisories.sh

echo "--- hardening: supply chain (no third-party runtime dependencies)"
scripts/check-runtime-deps.sh

echo "--- hardening: supply chain (the advisory and dependency checks can fail)"
scripts/test-advisory-gate.sh

echo "--- hardening: supply chain (npm audit)"
for dir in bindings-node examples/express; do
  if [ ! -f "$dir/package-lock.json" ]; then
    echo "npm audit ($dir): skipped, no package-lock.json"
    continue
  fi
  report="$(cd "$dir" && timeout 120 npm audit --json --audit-level=high 2>/dev/null)" && status=0 || status=$?
  # npm audit's JSON has a metadata.vulnerabilities summary when the registry answered, an error otherwise.
  summary="$(printf '%s' "$report" | node -e '
    let text = ""; process.stdin.on("data", (d) => (text += d)).on("end", () => {
      try {
        const v = JSON.parse(text).metadata.vulnerabilities
        console.log(`critical=${v.critical} high=${v.high} moderate=${v.moderate} low=${v.low}`)
      } catch { console.log("unreachable") }
    })' || echo unreachable)"
  if [ "$summary" = unreachable ]; then
    echo "npm audit ($dir): skipped, npm audit endpoint unreachable"
  elif [ "$status" -ne 0 ]; then
    echo "npm audit ($dir): FAILED: $summary (high or critical advisories; run npm audit in $dir)" >&2
    exit 1
  else
    echo "npm audit ($dir): ok: $summary"
  fi
done

echo "--- hardening: supply chain (pip-audit)"
# pip-audit lives in its own virtualenv (so its dependencies are not audited with ours) and audits
# the packages of .venv, the Python suites' environment. It asks PyPI's JSON API; when that answers
# for no package at all (as behind a registry mirror), nothing was audited: skipped, not passed.
audit_venv="${XDG_CACHE_HOME:-$HOME/.cache}/munity-secrets/pip-audit-venv"
if [ ! -x .venv/bin/python ]; then
  echo "pip-audit: skipped, no .venv (scripts/test-python.sh creates it)"
elif ! { [ -x "$audit_venv/bin/pip-audit" ] || { python3 -m venv "$audit_venv" &&
  "$audit_venv/bin/python" -m pip install --quiet --disable-pip-version-check pip-audit >/dev/null 2>&1; }; }; then
  echo "pip-audit: skipped, pip-audit could not be installed"
else
  site="$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
  timeout 300 "$audit_venv/bin/pip-audit" --vulnerability-service pypi --progress-spinner off --format json \
    --path "$site" >/tmp/munity-pip-audit.json 2>/tmp/munity-pip-audit.log || true
  verdict="$(python3 - /tmp/munity-pip-audit.json <<'PY'
import json, sys
try:
    report = json.load(open(sys.argv[1]))
except Exception:
    print("unreachable"); sys.exit()
deps = report.get("dependencies", [])
audited = [d for d in deps if not d.get("skip_reason")]
vulnerable = [f"{d['name']} {d['version']}: " + ", ".join(v["id"] for v in d["vulns"]) for d in audited if d.get("vulns")]
if not audited:
    print("unreachable")
elif vulnerable:
    print("FAILED " + "; ".join(vulnerable))
else:
    print(f"ok: {len(audited)} packages audited, no known vulnerabilities ({len(deps) - len(audited)} not found on PyPI)")
PY
)"
  case "$verdict" in
    unreachable) echo "pip-audit (.venv): skipped, vulnerability service unreachable (PyPI JSON API answered for no package)" ;;
    FAILED*) echo "pip-audit (.venv): $verdict" >&2; exit 1 ;;
    *) echo "pip-audit (.venv): $verdict" ;;
  esac
fi

echo "--- hardening: fuzz smoke run (${FUZZ_SMOKE_SECONDS:-10} s per target)"
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "error: the fuzz smoke run needs the nightly toolchain: rustup toolchain install nightly" >&2
  exit 1
fi
need cargo-fuzz cargo-fuzz
scripts/fuzz.sh "${FUZZ_SMOKE_SECONDS:-10}"
echo "--- hardening: passed"
