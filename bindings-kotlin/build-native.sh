#!/usr/bin/env bash
# Builds the native library and generates the Kotlin bindings; Maven runs it in generate-sources.
#   bash build-native.sh MAVEN_VERSION OUTPUT_DIR
# 1. checks that the Maven version equals the Cargo workspace version (fails on drift);
# 2. cargo build --release -p munity-secrets-kotlin  (only this crate);
# 3. uniffi-bindgen (built from this workspace, so it matches the crate's uniffi) generates Kotlin
#    in library mode into OUTPUT_DIR/generated-sources/uniffi;
# 4. copies the library under JNA's resource path (linux-x86-64/, darwin-aarch64/, ...) into
#    OUTPUT_DIR/native-resources, which the jar bundles.
set -euo pipefail
maven_version="$1"
out="$2"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

cargo_version="$(sed -n '/^\[workspace.package\]/,/^\[/{s/^version *= *"\(.*\)"/\1/p}' "$root/Cargo.toml")"
if [ "$cargo_version" != "$maven_version" ]; then
  echo "error: bindings-kotlin/pom.xml version $maven_version differs from the Cargo workspace version $cargo_version ($root/Cargo.toml [workspace.package]); make them equal" >&2
  exit 1
fi

target_dir="${CARGO_TARGET_DIR:-$root/target}"
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) jna=linux-x86-64; lib=libmunity_secrets_kotlin.so ;;
  Linux-aarch64) jna=linux-aarch64; lib=libmunity_secrets_kotlin.so ;;
  Darwin-arm64) jna=darwin-aarch64; lib=libmunity_secrets_kotlin.dylib ;;
  Darwin-x86_64) jna=darwin-x86-64; lib=libmunity_secrets_kotlin.dylib ;;
  *) echo "error: no JNA resource folder known for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac

cd "$root"
# Two invocations, never one: built together, cargo would unify uniffi's `cli` feature into the
# library and rebuild it each time the two are built separately.
cargo build --release --locked -p munity-secrets-kotlin
cargo build --release --locked -p munity-uniffi-bindgen
rm -rf "$out/generated-sources/uniffi" "$out/native-resources"
mkdir -p "$out/generated-sources/uniffi" "$out/native-resources/$jna"
cd "$here"
"$target_dir/release/uniffi-bindgen" generate --library "$target_dir/release/$lib" \
  --language kotlin --no-format --out-dir "$out/generated-sources/uniffi"
cp "$target_dir/release/$lib" "$out/native-resources/$jna/$lib"
echo "native library: $jna/$lib; bindings: $out/generated-sources/uniffi"
