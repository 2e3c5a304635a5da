#!/usr/bin/env bash
# The release build: every artifact this Linux machine can build, into dist/.
#
#   bash scripts/release/build.sh [python|node|jvm]...     (no argument: all three)
#
# Each kind is built by scripts/release/<kind>.sh (python.sh here; node.sh and jvm.sh by the Node and JVM
# packaging); a missing one is skipped with a message. Then, for every artifact the scripts recorded
# (record_artifact in lib.sh), scripts/release/sbom.sh <cargo-package> <rust-target> <output.cdx.json> writes a
# CycloneDX SBOM beside it when sbom.sh exists, and dist/SHA256SUMS is written over every file in dist/.
# Toolchains come from the registries: the release venv (maturin, zig, cargo-zigbuild) and rustup targets.
set -euo pipefail
# shellcheck source=scripts/release/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

kinds=("$@")
[[ ${#kinds[@]} -gt 0 ]] || kinds=(python node jvm)
for kind in "${kinds[@]}"; do
  case "$kind" in
    python | node | jvm) ;;
    *) die "unknown kind '$kind' (python, node, jvm)" ;;
  esac
done

mkdir -p "$DIST"
use_release_venv
started_all=$(date +%s)
built=()
for kind in "${kinds[@]}"; do
  script="$REPO_ROOT/scripts/release/$kind.sh"
  if [[ ! -f "$script" ]]; then
    log "$kind: skipped, scripts/release/$kind.sh does not exist in this checkout"
    continue
  fi
  started=$(date +%s)
  log "$kind: building (scripts/release/$kind.sh)"
  bash "$script"
  log "$kind: built in $(elapsed_since "$started") s"
  built+=("$kind")
done

# One SBOM per recorded artifact (and per target for a file with several native libraries).
sbom="$REPO_ROOT/scripts/release/sbom.sh"
if [[ -f "$sbom" ]]; then
  for kind in "${built[@]}"; do
    manifest="$ARTIFACTS_DIR/$kind.tsv"
    [[ -f "$manifest" ]] || continue
    while IFS=$'\t' read -r file package target; do
      [[ -n "$file" ]] || continue
      if [[ $(awk -F'\t' -v f="$file" '$1 == f' "$manifest" | wc -l) -gt 1 ]]; then
        out="$DIST/$file.$target.cdx.json"
      else
        out="$DIST/$file.cdx.json"
      fi
      log "sbom: $(basename "$out")"
      bash "$sbom" "$package" "$target" "$out"
    done <"$manifest"
  done
else
  log "sbom: skipped, scripts/release/sbom.sh does not exist in this checkout"
fi

# Checksums over everything in dist/ (not the hidden manifest, not SHA256SUMS itself).
(
  cd "$DIST"
  find . -type f ! -path './.*' ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort | xargs -r -d '\n' sha256sum
) >"$DIST/SHA256SUMS.tmp"
mv "$DIST/SHA256SUMS.tmp" "$DIST/SHA256SUMS"
log "dist/SHA256SUMS: $(wc -l <"$DIST/SHA256SUMS") files; built ${built[*]:-nothing} in $(elapsed_since "$started_all") s"
