#!/usr/bin/env bash
# The jar tested as users install it, where no Rust is installed.
#
#   bash scripts/release/test-jvm.sh [ROOT]...     (default: bookworm-amd64 bookworm-arm64; run by scripts/test-release.sh)
#
# Needs dist/maven (scripts/release/jvm.sh: `mvn deploy` to a repository directory) and the Debian roots of
# scripts/release/roots.sh (Debian's default-jdk-headless and maven, no cargo/rustc/C compiler). In each root, in a
# fresh directory (removed afterwards) with a fresh local Maven repository, the consumer project
# scripts/release/jvm-consumer resolves com.munityapps:munity-secrets from a copy of dist/maven (file://) and
# everything else from Maven Central, compiles its Java and Kotlin programs, and runs each with a plain
# `java -cp` over every case of tests/vectors/secrets.json. JNA finds the native library in the jar by itself.
# Prints one line per native library in the jar: where it ran, or why not. Exits 1 when a run fails.
set -euo pipefail
# shellcheck source=scripts/release/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

version="$(sed -n '/^\[workspace.package\]/,/^\[/{s/^version *= *"\(.*\)"/\1/p}' "$REPO_ROOT/Cargo.toml")"
repo="$DIST/maven"
jar="$repo/com/munityapps/munity-secrets/$version/munity-secrets-$version.jar"
[[ -f "$jar" ]] || die "test-jvm: $jar is missing (run: bash scripts/release/build.sh jvm)"
roots=("$@")
[[ ${#roots[@]} -gt 0 ]] || roots=(bookworm-amd64 bookworm-arm64)

declare -A PREFIX_OF_ROOT=([bookworm-amd64]=linux-x86-64 [bookworm-arm64]=linux-aarch64 [bullseye-amd64]=linux-x86-64)
declare -A WHERE=([bookworm-amd64]="amd64 Debian 12 root" [bookworm-arm64]="arm64 Debian 12 root under qemu"
  [bullseye-amd64]="amd64 Debian 11 root (glibc 2.31)")
declare -A RESULT=()
failures=0

run_in_root() {
  local name="$1" root work inner started out rc=0
  if ! root=$(root_path "$name"); then
    RESULT[$name]="not run: root $MUNITY_ROOTS/$name missing (bash scripts/release/roots.sh $name)"
    failures=$((failures + 1))
    return
  fi
  for tool in cargo rustc gcc cc; do
    if chroot "$root" /bin/sh -c "command -v $tool" >/dev/null 2>&1; then die "test-jvm: $name has $tool: not a no-Rust root"; fi
  done
  started=$(date +%s)
  work=$(mktemp -d "$root/tmp/ktpkg-jvm-XXXXXX")
  inner="/tmp/$(basename "$work")"
  cp -r "$repo" "$work/repo"
  cp -r "$REPO_ROOT/scripts/release/jvm-consumer" "$work/consumer"
  mkdir -p "$work/vectors"
  cp "$REPO_ROOT/tests/vectors/secrets.json" "$work/vectors/"
  cp -r "$REPO_ROOT/tests/vectors/keys" "$work/vectors/"
  log "test-jvm: $name: mvn package of the consumer (munity-secrets $version from file://$inner/repo)"
  # The JDK's truststore is Debian's /etc/ssl/certs/java/cacerts, which holds the host's CA (roots.sh).
  out=$(root_exec "$root" /bin/bash -c "
    set -e
    cd $inner/consumer
    mvn -B -ntp -q -Dmaven.repo.local=$inner/m2 -Dmunity.repo=file://$inner/repo -Dmunity.version=$version package
    cp=target/classes:\$(ls target/dependency/*.jar | tr '\n' ':')
    java -cp \"\$cp\" example.JavaVectors $inner/vectors
    java -cp \"\$cp\" example.KotlinVectorsKt $inner/vectors
  " 2>&1) || rc=$?
  printf '%s\n' "$out" | sed "s/^/[$name] /" >&2
  rm -rf "$work"
  local java_line kotlin_line platform
  java_line=$(printf '%s\n' "$out" | grep -E '^java: [0-9]+ passed' | sed 's/^java: //' || true)
  kotlin_line=$(printf '%s\n' "$out" | grep -E '^kotlin: [0-9]+ passed' | sed 's/^kotlin: //' || true)
  platform=$(printf '%s\n' "$out" | grep -oE 'jna-prefix=[^ ]+' | head -n1 | cut -d= -f2 || true)
  if [[ $rc -ne 0 || "$platform" != "${PREFIX_OF_ROOT[$name]}" ]]; then
    RESULT[$name]="FAILED in the ${WHERE[$name]} (exit $rc; JNA prefix '${platform}'; Java: ${java_line:-none}; Kotlin: ${kotlin_line:-none})"
    failures=$((failures + 1))
    return
  fi
  RESULT[$name]="ran in the ${WHERE[$name]} (no Rust; Debian JDK and Maven; resolved from a file:// repository): Java ${java_line}, Kotlin ${kotlin_line}; $(elapsed_since "$started") s"
}

for name in "${roots[@]}"; do
  [[ -n "${PREFIX_OF_ROOT[$name]:-}" ]] || die "test-jvm: unknown root '$name'"
  run_in_root "$name"
done

# One line per native library in the jar.
for entry in $(jar tf "$jar" | grep -E '^(linux|darwin|win32)-[a-z0-9-]+/(lib)?munity_secrets_kotlin\.(so|dylib|dll)$'); do
  prefix="${entry%%/*}"
  line=""
  for name in "${roots[@]}"; do
    [[ "${PREFIX_OF_ROOT[$name]}" == "$prefix" ]] && line+="${line:+; }${RESULT[$name]}"
  done
  if [[ -z "$line" ]]; then
    case "$prefix" in
      darwin-*) line="built here with zig, not run (no macOS machine here; the release workflow runs it on macOS runners)" ;;
      win32-*) line="built here (GNU ABI, zig), not run (no Windows here; the release workflow builds and runs the MSVC one)" ;;
      *) line="not run here" ;;
    esac
  fi
  echo "jvm  munity-secrets-$version.jar  $entry: $line"
done
[[ $failures -eq 0 ]] || die "test-jvm: $failures root run(s) failed or were missing"
