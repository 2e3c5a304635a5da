#!/usr/bin/env bash
# Python release artifacts: the munity-secrets wheels this machine can build, and the sdist, into dist/.
#
#   bash scripts/release/python.sh           (normally through scripts/release/build.sh python)
#   MUNITY_PY_TARGETS="x86_64-unknown-linux-gnu aarch64-apple-darwin" bash scripts/release/python.sh
#
# Wheels (abi3, CPython >= 3.9), all cross-built with zig (maturin --zig) from the release venv:
#   x86_64/aarch64-unknown-linux-gnu    manylinux2014 (manylinux_2_17)
#   x86_64/aarch64-unknown-linux-musl   musllinux_1_2
#   x86_64/aarch64-apple-darwin         macosx_10_12_x86_64 / macosx_11_0_arm64 (no macOS SDK here; built, not run)
# Windows (win_amd64, MSVC) is built by .github/workflows/release.yml only.
# Every Linux wheel must pass `auditwheel show` with the platform tag it claims, and every ELF inside a gnu wheel
# may need at most GLIBC_2.17 (check_artifacts.py).
set -euo pipefail
# shellcheck source=scripts/release/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MANIFEST=bindings-python/Cargo.toml
CARGO_PACKAGE=munity-secrets-python
DEFAULT_TARGETS=(
  x86_64-unknown-linux-gnu
  aarch64-unknown-linux-gnu
  x86_64-unknown-linux-musl
  aarch64-unknown-linux-musl
  x86_64-apple-darwin
  aarch64-apple-darwin
)
read -r -a targets <<<"${MUNITY_PY_TARGETS:-${DEFAULT_TARGETS[*]}}"

compatibility_for() {
  case "$1" in
    *-linux-gnu) echo manylinux2014 ;;
    *-linux-musl) echo musllinux_1_2 ;;
    *) echo "" ;;
  esac
}

use_release_venv
cd "$REPO_ROOT"
mkdir -p "$DIST"
# This script owns dist/munity_secrets-* and dist/munity-secrets-*.tar.gz: stale versions go first.
rm -f "$DIST"/munity_secrets-*.whl "$DIST"/munity_secrets-*.tar.gz "$DIST"/munity-secrets-*.tar.gz \
  "$DIST"/munity_secrets-*.cdx.json
artifacts_reset python
timings="$DIST/.artifacts/python-times.tsv"
: >"$timings"

failed=()
for target in "${targets[@]}"; do
  ensure_target "$target"
  compat=$(compatibility_for "$target")
  args=(build --release --locked --zig --target "$target" -m "$MANIFEST" --out "$DIST.tmp-$target")
  [[ -n "$compat" ]] && args+=(--compatibility "$compat")
  rm -rf "$DIST.tmp-$target"
  started=$(date +%s)
  log "python: maturin ${args[*]}"
  if ! maturin "${args[@]}" >&2; then
    warn "python: the wheel for $target did not build"
    failed+=("$target")
    continue
  fi
  for wheel in "$DIST.tmp-$target"/*.whl; do
    name=$(basename "$wheel")
    mv "$wheel" "$DIST/$name"
    record_artifact python "$name" "$CARGO_PACKAGE" "$target"
    printf '%s\t%s\t%s\n' "$name" "$target" "$(elapsed_since "$started")" >>"$timings"
    log "python: $name ($(du -k "$DIST/$name" | cut -f1) KiB) in $(elapsed_since "$started") s"
  done
  rmdir "$DIST.tmp-$target"
done

started=$(date +%s)
log "python: maturin sdist"
maturin sdist -m "$MANIFEST" --out "$DIST" >&2
sdist=$(cd "$DIST" && ls munity_secrets-*.tar.gz munity-secrets-*.tar.gz 2>/dev/null | head -n1)
printf '%s\t%s\t%s\n' "$sdist" sdist "$(elapsed_since "$started")" >>"$timings"
log "python: $sdist in $(elapsed_since "$started") s"

python "$REPO_ROOT/scripts/release/check_artifacts.py" "$DIST"

if [[ ${#failed[@]} -gt 0 ]]; then
  die "python: no wheel for ${failed[*]}"
fi
