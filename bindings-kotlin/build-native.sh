#!/usr/bin/env bash
# The jar's native libraries and the generated Kotlin bindings; Maven runs it in generate-sources.
#   bash build-native.sh MAVEN_VERSION OUTPUT_DIR [MODE] [NATIVE_DIR]
#   bash build-native.sh stamp          # prints the hash of the Rust sources the libraries are built from
# MODE (Maven property munity.native):
#   auto (default)  the release libraries in NATIVE_DIR (default ../dist/jvm/native, filled by
#                   scripts/release/jvm.sh) when they were built from the current sources and include this
#                   machine's platform; otherwise this machine's library, built with cargo;
#   dist            NATIVE_DIR's libraries or fail (the release build);
#   host            this machine's library only (cargo build --release -p munity-secrets-kotlin).
# Steps: 1. the Maven version must equal the Cargo workspace version (fails on drift);
# 2. the libraries go under JNA's resource prefixes (linux-x86-64/, linux-aarch64/, darwin-aarch64/,
#    darwin-x86-64/, win32-x86-64/) in OUTPUT_DIR/native-resources, which the jar bundles;
# 3. uniffi-bindgen (built from this workspace, so it matches the crate's uniffi) generates the Kotlin
#    bindings in library mode into OUTPUT_DIR/generated-sources/uniffi.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

# sha256sum, or shasum on macOS (same output format).
sha256() { if command -v sha256sum >/dev/null; then sha256sum "$@"; else shasum -a 256 "$@"; fi; }

# Hash of every file the native library is built from; NATIVE_DIR/SOURCES.sha256 records it at build time.
source_stamp() {
  (
    cd "$root"
    { printf '%s\n' Cargo.toml Cargo.lock bindings-kotlin/Cargo.toml bindings-kotlin/uniffi.toml
      find core -path core/target -prune -o -type f \( -name '*.rs' -o -name Cargo.toml \) -print
      find bindings-kotlin/src -type f -name '*.rs'
    } | LC_ALL=C sort -u | while read -r f; do if [ -f "$f" ]; then sha256 "$f"; fi; done | sha256 | cut -d' ' -f1
  )
}

if [ "${1:-}" = stamp ]; then source_stamp; exit 0; fi

maven_version="$1"
out="$2"
mode="${3:-auto}"
native_dir="${4:-$root/dist/jvm/native}"

cargo_version="$(sed -n '/^\[workspace.package\]/,/^\[/{s/^version *= *"\(.*\)"/\1/p}' "$root/Cargo.toml")"
if [ "$cargo_version" != "$maven_version" ]; then
  echo "error: bindings-kotlin/pom.xml version $maven_version differs from the Cargo workspace version $cargo_version ($root/Cargo.toml [workspace.package]); make them equal" >&2
  exit 1
fi

target_dir="${CARGO_TARGET_DIR:-$root/target}"
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac

host_prefix=""
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) host_prefix=linux-x86-64; host_lib=libmunity_secrets_kotlin.so ;;
  Linux-aarch64) host_prefix=linux-aarch64; host_lib=libmunity_secrets_kotlin.so ;;
  Darwin-arm64) host_prefix=darwin-aarch64; host_lib=libmunity_secrets_kotlin.dylib ;;
  Darwin-x86_64) host_prefix=darwin-x86-64; host_lib=libmunity_secrets_kotlin.dylib ;;
  MINGW*-x86_64 | MSYS*-x86_64 | CYGWIN*-x86_64) host_prefix=win32-x86-64; host_lib=munity_secrets_kotlin.dll ;;
esac

# Which libraries NATIVE_DIR holds, and whether they are current.
dist_state=absent
if ls "$native_dir"/*/*munity_secrets_kotlin.* >/dev/null 2>&1; then
  if [ "$(cat "$native_dir/SOURCES.sha256" 2>/dev/null)" != "$(source_stamp)" ]; then
    dist_state=stale
  elif [ -n "$host_prefix" ] && ! [ -e "$native_dir/$host_prefix/$host_lib" ]; then
    dist_state=no-host
  else
    dist_state=current
  fi
fi

case "$mode" in
  dist)
    [ "$dist_state" = absent ] && { echo "error: no native libraries in $native_dir (run: bash scripts/release/build.sh jvm)" >&2; exit 1; }
    [ "$dist_state" = stale ] && { echo "error: $native_dir was built from other sources than these (SOURCES.sha256 differs); rebuild with scripts/release/jvm.sh" >&2; exit 1; }
    use=dist ;;
  host) use=host ;;
  auto)
    if [ "$dist_state" = current ]; then use=dist; else
      use=host
      [ "$dist_state" != absent ] && echo "build-native: $native_dir is $dist_state; building this machine's library instead" >&2
    fi ;;
  *) echo "error: munity.native must be auto, dist or host, not '$mode'" >&2; exit 1 ;;
esac

cd "$root"
# The bindings are always generated from this machine's own build of the library: the release libraries
# from cargo zigbuild carry the UniFFI metadata only as dynamic symbols (zig strips the symbol table, which
# uniffi-bindgen reads). The metadata, and so the generated code and its checksums, are the same for every
# target built from the same sources; JNA then checks them against whichever library it loads.
[ -n "$host_prefix" ] || { echo "error: no JNA resource prefix known for $(uname -s)-$(uname -m)" >&2; exit 1; }
# Two invocations, never one: built together, cargo would unify uniffi's `cli` feature into the
# library and rebuild it each time the two are built separately.
cargo build --release --locked -p munity-secrets-kotlin
cargo build --release --locked -p munity-uniffi-bindgen

rm -rf "$out/generated-sources/uniffi" "$out/native-resources"
mkdir -p "$out/generated-sources/uniffi" "$out/native-resources"
if [ "$use" = host ]; then
  mkdir -p "$out/native-resources/$host_prefix"
  cp "$target_dir/release/$host_lib" "$out/native-resources/$host_prefix/$host_lib"
else
  for dir in "$native_dir"/*/; do
    prefix="$(basename "$dir")"
    mkdir -p "$out/native-resources/$prefix"
    cp "$dir"*munity_secrets_kotlin.* "$out/native-resources/$prefix/"
  done
fi

cd "$here"
"$target_dir/release/uniffi-bindgen" generate --library "$target_dir/release/$host_lib" \
  --language kotlin --no-format --out-dir "$out/generated-sources/uniffi"
echo "native libraries ($use): $(cd "$out/native-resources" && ls -d -- */* | tr '\n' ' ')"
echo "bindings: $out/generated-sources/uniffi"
