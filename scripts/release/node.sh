#!/usr/bin/env bash
# Node release artifacts: the npm tarballs of @munityapps/secrets into dist/.
#
#   bash scripts/release/node.sh                     (normally through scripts/release/build.sh node)
#   MUNITY_NODE_TARGETS="x86_64-unknown-linux-gnu" bash scripts/release/node.sh
#
# napi-rs's layout: the main package (JS loader, types, no native code) names one platform package per target in
# its optionalDependencies; npm installs only the one whose os/cpu/libc match. The targets are the `napi.targets`
# list in bindings-node/package.json; each platform package is bindings-node/npm/<platform>/ (package.json,
# README.md) plus, at pack time, the repository's LICENSE and the addon built here:
#   *-linux-gnu    cargo zigbuild --target <triple>.2.17 (needs at most GLIBC_2.17; checked)
#   *-linux-musl   cargo zigbuild, dynamic musl libc (-crt-static); needed libraries checked, not run here
#   *-apple-darwin cargo zigbuild (no macOS SDK here); a Mach-O check only, not run here
#   *-msvc         built by .github/workflows/release.yml only
# This is what `napi artifacts` + `napi pre-publish` do before `npm publish`, with `npm pack` instead of publishing,
# so scripts/release/test-node.sh can install the tarballs from a registry on loopback.
set -euo pipefail
# shellcheck source=scripts/release/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PACKAGE_DIR="$REPO_ROOT/bindings-node"
CARGO_PACKAGE=munity-secrets-node
LIBRARY=munity_secrets_node
BINARY_NAME=$(node -p "require('$PACKAGE_DIR/package.json').napi.binaryName")
VERSION=$(node -p "require('$PACKAGE_DIR/package.json').version")
read -r -a ALL_TARGETS <<<"$(node -p "require('$PACKAGE_DIR/package.json').napi.targets.join(' ')")"
read -r -a targets <<<"${MUNITY_NODE_TARGETS:-${ALL_TARGETS[*]}}"

# napi-rs's platform name for a Rust target (the suffix of every platform package and .node file).
platform_of() {
  case "$1" in
    x86_64-unknown-linux-gnu) echo linux-x64-gnu ;;
    aarch64-unknown-linux-gnu) echo linux-arm64-gnu ;;
    x86_64-unknown-linux-musl) echo linux-x64-musl ;;
    aarch64-unknown-linux-musl) echo linux-arm64-musl ;;
    x86_64-apple-darwin) echo darwin-x64 ;;
    aarch64-apple-darwin) echo darwin-arm64 ;;
    x86_64-pc-windows-msvc) echo win32-x64-msvc ;;
    *) die "no napi platform name for $1" ;;
  esac
}

# The libraries a musl addon may need: musl's libc only. zig names it `libc.so`; musl's loader answers any
# `libc.*` (and libpthread, libm, libdl, ...) with itself, so that loads on Alpine without musl-dev.
check_musl_needs() {
  local file="$1" needed
  needed=$(readelf -d "$file" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
  for lib in $needed; do
    case "$lib" in
      libc.musl-*.so.1 | libc.so) ;;
      *)
        echo "needs $lib"
        return 1
        ;;
    esac
  done
  if readelf -W --version-info "$file" | grep -q 'GLIBC_'; then
    echo "needs glibc-versioned symbols"
    return 1
  fi
  echo "needs ${needed% }"
}

# Every addon must export napi's module entry point.
check_napi_entry() {
  local file="$1"
  case "$(head -c 4 "$file" | od -An -tx1 | tr -d ' ')" in
    7f454c46) readelf -W --dyn-syms "$file" | grep -q ' napi_register_module_v1$' ;;
    cffaedfe) grep -aq '_napi_register_module_v1' "$file" ;; # Mach-O 64-bit, little endian
    *) return 1 ;;
  esac
}

use_release_venv
cd "$REPO_ROOT"
mkdir -p "$DIST"
# This script owns dist/munityapps-secrets-*.tgz: stale ones go first.
rm -f "$DIST"/munityapps-secrets-*.tgz "$DIST"/munityapps-secrets-*.cdx.json
rm -rf "$DIST/.node-addons"
stage="$DIST/.node-stage"
rm -rf "$stage"
mkdir -p "$stage"
artifacts_reset node
status="$DIST/.artifacts/node-status.tsv"
: >"$status"

# Every package carries the same version: the platform packages and the pinned optionalDependencies.
node "$PACKAGE_DIR/scripts/check-packages.mjs"

failed=()
for target in "${targets[@]}"; do
  platform=$(platform_of "$target")
  case "$target" in
    *-msvc)
      printf '%s\t%s\t%s\n' "$platform" "-" "built by .github/workflows/release.yml only (MSVC)" >>"$status"
      continue
      ;;
  esac
  ensure_target "$target"
  zig_target="$target"
  extension=so
  case "$target" in
    *-linux-gnu) zig_target="$target.2.17" ;;
    *-linux-musl)
      # A Node addon is loaded by node's own libc: link musl dynamically.
      var="CARGO_TARGET_$(echo "$target" | tr 'a-z-' 'A-Z_')_RUSTFLAGS"
      export "$var=-C target-feature=-crt-static"
      ;;
    *-apple-darwin) extension=dylib ;;
  esac
  started=$(date +%s)
  log "node: cargo zigbuild --release --locked -p $CARGO_PACKAGE --target $zig_target"
  if ! cargo zigbuild --release --locked -p "$CARGO_PACKAGE" --target "$zig_target" >&2; then
    warn "node: the addon for $target did not build"
    printf '%s\t%s\t%s\n' "$platform" "-" "did not build here" >>"$status"
    failed+=("$target")
    continue
  fi
  seconds=$(elapsed_since "$started")
  library="$REPO_ROOT/target/$target/release/lib$LIBRARY.$extension"
  node_file="$BINARY_NAME.$platform.node"
  check_napi_entry "$library" || die "node: $library does not export napi_register_module_v1"
  case "$target" in
    *-linux-gnu) check=$(check_glibc_max "$library" 2.17) || die "node: $platform $check" ;;
    *-linux-musl) check=$(check_musl_needs "$library") || die "node: $platform $check" ;;
    *-apple-darwin) check="Mach-O, napi_register_module_v1" ;;
  esac
  log "node: $platform built in $seconds s ($check)"

  # The platform package: its committed package.json and README, the LICENSE, the addon.
  dir="$stage/$platform"
  mkdir -p "$dir"
  cp "$PACKAGE_DIR/npm/$platform/package.json" "$PACKAGE_DIR/npm/$platform/README.md" "$REPO_ROOT/LICENSE" "$dir/"
  cp "$library" "$dir/$node_file"
  # The bare addon too, for the release workflow's `napi artifacts` (dist/.node-addons, outside SHA256SUMS).
  mkdir -p "$DIST/.node-addons"
  cp "$library" "$DIST/.node-addons/$node_file"
  tarball=$(cd "$dir" && npm pack --silent --pack-destination "$DIST")
  record_artifact node "$tarball" "$CARGO_PACKAGE" "$target"
  printf '%s\t%s\t%s\n' "$platform" "$tarball" "built here in $seconds s; $check" >>"$status"
  log "node: $tarball"
done

# The main package: JS loader, types for require and import, README, LICENSE (copied by its prepack script), and,
# as `napi pre-publish` writes before publishing, optionalDependencies pinning every platform package at this
# version. No .node: a file list that held one would ship the build machine's addon to every platform.
packed=$(cd "$PACKAGE_DIR" && npm pack --silent --pack-destination "$stage" | tail -n1)
mkdir -p "$stage/main"
tar -xzf "$stage/$packed" -C "$stage/main"
node "$PACKAGE_DIR/scripts/check-packages.mjs" --pin "$stage/main/package/package.json" >&2
main=$(cd "$stage/main/package" && npm pack --silent --ignore-scripts --pack-destination "$DIST")
listing=$(tar -tzf "$DIST/$main" | sed 's|^package/||' | sort)
for file in package.json LICENSE README.md index.js index.mjs binding.js index.d.ts index.d.mts; do
  grep -qx "$file" <<<"$listing" || die "node: $main lacks $file"
done
if grep -q '\.node$' <<<"$listing"; then
  die "node: $main holds a .node file: $(grep '\.node$' <<<"$listing" | tr '\n' ' ')"
fi
printf '%s\t%s\t%s\n' "main" "$main" "JS loader and types, no native code" >>"$status"
log "node: $main ($(tr '\n' ' ' <<<"$listing"))"
rm -rf "$stage"

[[ ${#failed[@]} -eq 0 ]] || die "node: no addon for ${failed[*]}"
log "node: version $VERSION, $(($(wc -l <"$status"))) packages listed in $status"
